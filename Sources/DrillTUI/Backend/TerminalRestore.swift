import CNcursesw

/// Puts the terminal back when the process dies of a signal (SIGINT, SIGTERM, SIGSEGV …).
///
/// The handler lives in the C shim and only does async-signal-safe things: it restores the
/// saved termios, writes a sequence prepared in advance, and re-raises the signal with its
/// default action. All calls go through this file because the shim keeps its state in a
/// `static inline` function, of which each Swift object file gets its own copy.
enum TerminalRestore {
    /// Saves the mode of `descriptor` now and arms the handlers with `sequence`.
    static func install(descriptor: Int32, sequence: String) {
        _ = sequence.withCString { cnc_install_restore(descriptor, $0) }
    }

    /// Restores the terminal now, as the signal handler would (for a normal exit path).
    static func restoreNow() { cnc_restore_terminal_now() }

    /// Disarms the handlers, putting back the ones that were there before.
    static func uninstall() { cnc_uninstall_restore() }
}
