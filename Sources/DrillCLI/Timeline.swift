import ArgumentParser
extension CyberDrill { struct Timeline: ParsableCommand {} }
