import DrillCLI

await CyberDrill.main()
