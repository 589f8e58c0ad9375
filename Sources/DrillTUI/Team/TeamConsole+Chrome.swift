import DrillCore
import DrillText

extension TeamConsole {
    // MARK: - Header

    func drawHeader(in area: Rect, on screen: inout Screen) {
        let t = texts
        var right = ConsoleChrome.connection(model.connection, texts: t)
        if !model.queued.isEmpty { right.append(Segment(" \(t(.teamHeaderQueued, ["n": model.queued.count])) ", Style(foreground: .yellow, attributes: .bold))) }
        right.append(Segment(" \(DurationText.clock(model.exerciseTime)) "))
        right.append(Segment(" \(t.phase(model.phase)) ", Theme.phaseStyle(model.phase)))
        if let score = model.score, score.showsPoints, let points = score.points {
            var text = " " + t(.teamPoints, ["p": t.points(points)])
            if let percent = score.percentOfAvailable { text += " · \(t.percent(percent))" }
            if let rank = score.rank { text += " · " + t(.teamHeaderRank, ["rank": rank]) }
            right.append(Segment(text + " "))
        }
        ConsoleChrome.drawHeader(left: [Segment(" \(model.team.name) ", .bold), Segment(" " + model.scenarioTitle)],
                                 right: right, elastic: model.connection == .local ? nil : 0, in: area, on: &screen)
    }

    var tabs: [TabItem] {
        Tab.allCases.map { t in
            var badge = ""
            switch t {
            case .inbox where model.unreadCount > 0: badge = texts(.teamBadgeNew, ["n": model.unreadCount])
            case .messages where !model.messages.isEmpty: badge = texts.integer(model.messages.count)
            default: break
            }
            return TabItem(key: "", label: t.label(texts), badge: badge, selected: t == tab)
        }
    }

    var nextDeadline: [Segment] {
        let now = model.exerciseTime
        let open = model.inbox.flatMap(\.tasks).compactMap { task -> (TaskRef, Millis)? in
            guard task.score?.isFinal != true, let due = task.score?.dueAt ?? task.dueAt, due >= now else { return nil }
            if task.answers.isEmpty || task.score?.outcome == .pending { return (task.ref, due) }
            return nil
        }.min { $0.1 < $1.1 }
        guard let open else { return [] }
        return [Segment(texts(.teamDue) + " ", Theme.dimmed), Segment("\(open.0)", .bold),
                Segment(" " + texts(.teamDueIn, ["t": texts.countdown(open.1 - now)]) + " ", Theme.notice)]
    }

    /// Whether the key bar names letter keys: on Latin layouts (en, fr, es); on Arabic, Russian and
    /// Chinese ones it names the function keys that do the same (docs/tui.md, "Keys for every keyboard").
    var latinKeys: Bool { [.en, .fr, .es].contains(texts.language) }

    var keys: [KeyBar.Item] {
        let t = texts
        let latin = latinKeys
        var items: [KeyBar.Item] = []
        if hotWash.isOpen, model.hotWash != nil { return hotWashKeys + [.init("F1", t(.keyHelp), kept: true)] }
        if mode == .browse, model.hotWash != nil { items.append(.init(latin ? "f" : "F3", t(.teamHotWashKey))) }
        switch (tab, mode) {
        case (_, .answering):
            switch currentTask?.input {
            case .indicators?, .report?: items.append(.init(latin ? "^S" : "F9", t(.keySend)))
            case .choice(_, true)?: items += [.init(t(.keySpace), t(.keyTick)), .init("⏎", t(.keySend))]
            case .coordination?: items += [.init("⏎", t(.keySend)), .init("↑↓", t(.keyTeam))]
            default: items.append(.init("⏎", t(.keySend)))
            }
            items += [.init("Esc", t(.keyBack)), .init(latin ? "^N/^P" : "F8/F7", t(.keyTask)), .init("F4", t(.keyHint))]
        case (_, .composing):
            items += [.init("⏎", t(.keySend)), .init("↑↓", t(.keyToWhom)), .init("Esc", t(.keyBack))]
        case (.inbox, .browse):
            items += [.init("↑↓", t(.keyInject)), .init("⏎", t(.keyAnswer)), .init("←→", t(.keyTask)), .init(latin ? "h" : "F4", t(.keyHint)),
                      .init(latin ? "o" : "F5", t(.keyArtifact)), .init("PgDn", t(.keyRead)), .init(latin ? "c" : "F6", t(.keyMessage))]
        case (.messages, .browse):
            items += [.init("⏎", t(.keyWrite)), .init("↑↓", t(.keyScroll))]
        case (.score, .browse):
            items += [.init("↑↓", t(.keyTask)), .init("⏎", t(.keyOpen))]
        }
        if mode == .browse { items.append(.init("Tab", t(.keyTabs))) }
        if switchesConsoles { items.append(.init("F2", t(.keyNextConsole), kept: true)) }
        items.append(.init(mode == .browse && latin ? "?" : "F1", t(.keyHelp), kept: true))
        if mode == .browse { items.append(.init(latin ? "q" : "F10", t(.keyQuit), kept: true)) }
        return items
    }
}
