import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A port free on 127.0.0.1 right now (the kernel's pick for port 0), for a server that must come
/// back where its clients look for it.
public func freePort() throws -> Int {
    let (descriptor, port) = try localSocket(listening: false)
    close(descriptor)
    return port
}

/// A TCP socket bound to 127.0.0.1 on a port the kernel picks, listening if asked (a port that is
/// busy for as long as the caller keeps `descriptor` open); the caller closes it.
public func localSocket(listening: Bool) throws -> (descriptor: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FreePortError(reason: "socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && (!listening || listen(fd, 4) == 0) && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else {
        let reason = "bind: errno \(errno)"
        close(fd)
        throw FreePortError(reason: reason)
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// No port could be had from the kernel.
public struct FreePortError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "no free port on 127.0.0.1: \(reason)" }
}
