import Foundation

/// What a program run to its end left: its exit status and everything it wrote.
public struct ProgramResult: Sendable {
    public var status: Int32
    public var out: String
    public var err: String

    public init(status: Int32, out: String, err: String) {
        self.status = status
        self.out = out
        self.err = err
    }
}

/// Runs `command` with `arguments` in `directory` to its end, with exactly `environment` if given
/// (else the tests' own), and returns its status, standard output and standard error, each whole.
///
/// Both pipes are read at once, each on a thread of its own: a program that writes more than a
/// pipe holds (64 KiB) to one of them while the other is being read cannot block on a full pipe.
public func runProgram(_ command: String, _ arguments: [String], in directory: URL,
                       environment: [String: String]? = nil) throws -> ProgramResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outText = PipeDrain(out.fileHandleForReading), errText = PipeDrain(err.fileHandleForReading)
    let outData = outText.wait(), errData = errText.wait()
    process.waitUntilExit()
    return ProgramResult(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                         err: String(decoding: errData, as: UTF8.self))
}

/// Reads a pipe to its end on a thread of its own (not the cooperative pool's).
private final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe carried, once its writers closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
