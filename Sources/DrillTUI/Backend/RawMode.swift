#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal on a descriptor switched to raw input (no echo, no line editing, no signals
/// from Ctrl-C), remembering the mode it had so that `restore` puts it back.
struct RawMode {
    private let descriptor: Int32
    private var original = termios()
    private var active = false

    init?(descriptor: Int32) {
        self.descriptor = descriptor
        guard tcgetattr(descriptor, &original) == 0 else { return nil }
        var raw = original
        cfmakeraw(&raw)
        raw.c_oflag |= tcflag_t(OPOST)  // keep "\n" → "\r\n" for anything printed outside frames
        guard tcsetattr(descriptor, TCSAFLUSH, &raw) == 0 else { return nil }
        active = true
    }

    mutating func restore() {
        guard active else { return }
        var mode = original
        tcsetattr(descriptor, TCSAFLUSH, &mode)
        active = false
    }
}
