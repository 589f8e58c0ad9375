import DrillCLI

// The executable is a shim: every command lives in DrillCLI so tests run them in-process.
await CyberDrill.runAsRoot()
