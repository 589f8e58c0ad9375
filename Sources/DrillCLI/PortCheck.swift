import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether `serve` can listen where it was told, checked before it creates anything (journal,
/// tokens, host key): a busy port then costs nothing but a message.
enum PortCheck {
    /// nil when every address `host` resolves to can be bound on `port`; else why not (`strerror`).
    static func problem(host: String, port: Int) -> String? {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else { return String(cString: gai_strerror(status)) }
        defer { freeaddrinfo(first) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard socket >= 0 else { return String(cString: strerror(errno)) }
            defer { close(socket) }
            // As the server will: an old connection in TIME_WAIT does not make the port busy.
            var on: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            if bind(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 || listen(socket, 1) != 0 {
                return String(cString: strerror(errno))
            }
            entry = info.pointee.ai_next
        }
        return nil
    }
}
