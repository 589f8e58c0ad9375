import DrillCore
@testable import DrillCLI
import DrillText
import DrillWire
import Testing

/// The language of a console that `serve --ssh` renders for someone far away.
@Suite("SSH console language")
struct SSHConsoleLanguageTests {
    static func team(_ language: String?) -> TeamInfo {
        var info = TeamInfo(.init(id: "xt-cirt", name: "CIRT-TK", country: "XT"), withContact: false)
        info.language = language
        return info
    }

    @Test("the roster's language of the team first, then the locale the ssh client sent, then serve --lang")
    func precedence() {
        #expect(SSHConsole.language(team: Self.team("fr"), sent: ["LANG": "ru_RU.UTF-8"], fallback: .en) == .fr)
        #expect(SSHConsole.language(team: Self.team(nil), sent: ["LANG": "ru_RU.UTF-8"], fallback: .en) == .ru)
        #expect(SSHConsole.language(team: Self.team("fr-SN"), sent: [:], fallback: .en) == .fr)
        #expect(SSHConsole.language(team: Self.team("de"), sent: ["LC_ALL": "zh_CN.UTF-8", "LANG": "ar_EG.UTF-8"], fallback: .en) == .zh)
        // `LC_ALL=C` decides: C is no language of ours, so serve's choice stands (not LANG's).
        #expect(SSHConsole.language(team: nil, sent: ["LC_ALL": "C", "LANG": "ar_EG.UTF-8"], fallback: .es) == .es)
        #expect(SSHConsole.language(team: nil, sent: [:], fallback: .ar) == .ar)
    }
}
