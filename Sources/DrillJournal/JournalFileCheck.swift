import Foundation

/// Checks a file's SQLite header before SQLite opens it, so that a wrong file gets a clear error
/// and is never modified (opening a database in WAL mode writes to it).
///
/// Header layout: https://www.sqlite.org/fileformat.html#the_database_header
struct JournalFileCheck {
    let path: String

    func run() throws(JournalError) {
        let fileSize: Int64
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            fileSize = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw .fileNotFound(path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .readFailed(path: path, detail: "the file cannot be opened for reading")
        }
        defer { try? handle.close() }
        let header: Data
        do {
            header = try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw .readFailed(path: path, detail: "\(error)")
        }
        let bytes = [UInt8](header)
        let magic = Array("SQLite format 3\u{0}".utf8)
        if bytes.isEmpty {
            throw .notAJournal(path: path, reason: "the file is empty")
        }
        guard bytes.starts(with: magic.prefix(min(bytes.count, magic.count))) else {
            throw .notAJournal(path: path, reason: "it is not a SQLite database")
        }
        guard bytes.count == 100 else {
            throw .truncated(path: path, expectedBytes: 100, actualBytes: fileSize)
        }
        let applicationID = Int32(bitPattern: bigEndianUInt32(bytes, at: 68))
        guard applicationID == JournalFormat.applicationID else {
            throw .notAJournal(path: path, reason: "it is a SQLite database of another program")
        }
        let version = Int(Int32(bitPattern: bigEndianUInt32(bytes, at: 60)))
        if version > JournalFormat.version {
            throw .newerFormat(path: path, found: version, supported: JournalFormat.version)
        }
        if version < JournalFormat.version {
            throw .olderFormat(path: path, found: version, supported: JournalFormat.version)
        }
        try checkLength(header: bytes, fileSize: fileSize)
    }

    /// A file shorter than its header's page count was cut off, unless a write-ahead log holds
    /// the rest (a crash in the middle of a checkpoint leaves exactly that, and SQLite recovers).
    private func checkLength(header: [UInt8], fileSize: Int64) throws(JournalError) {
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))
            .flatMap { ($0[.size] as? NSNumber)?.int64Value } ?? 0
        guard walSize == 0 else { return }
        let rawPageSize = Int64(header[16]) << 8 | Int64(header[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        let changeCounter = bigEndianUInt32(header, at: 24)
        let validFor = bigEndianUInt32(header, at: 92)
        let pageCount = Int64(bigEndianUInt32(header, at: 28))
        // The in-header page count is only meaningful when these two agree.
        guard changeCounter == validFor, pageCount > 0 else { return }
        let expected = pageCount * pageSize
        if fileSize < expected {
            throw .truncated(path: path, expectedBytes: expected, actualBytes: fileSize)
        }
    }

    private func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset ..< offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
