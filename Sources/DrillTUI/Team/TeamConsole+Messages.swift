import DrillCore
import DrillText

extension TeamConsole {
    // MARK: - Messages

    func drawMessages(in body: Rect, on screen: inout Screen) {
        let (logArea, composeArea) = body.splitTop(body.height - 4)
        let inner = Pane(title: texts(.teamPaneMessages, ["n": model.messages.count])).render(in: logArea, on: &screen)
        var lines: [(String, Style)] = []
        let width = max(1, inner.width - 2)
        for m in model.messages {
            let kind = m.kind == .rfi ? texts(.teamRfi) + " " : ""
            let header = "\(DurationText.clock(m.time))  \(kind)\(name(of: m.from)) → \(name(of: m.to))"
            let fromMe = m.from == .team(model.team.id)
            lines.append((header, fromMe ? Theme.dimmed.adding(.bold) : Style(attributes: .bold)))
            for line in TextLayout.wrap(m.text, width: width) { lines.append(("  " + line, .plain)) }
            if m.kind == .rfi, fromMe {
                if let answer = m.answer {
                    for (n, line) in TextLayout.wrap(texts(.teamRfiAnswer, ["answer": answer]), width: width).enumerated() {
                        lines.append(((n == 0 ? "  " : "    ") + line, Style(foreground: .cyan)))
                    }
                } else {
                    lines.append(("  " + texts(.teamRfiWaiting), Theme.dimmed))
                }
            }
        }
        if lines.isEmpty {
            lines.append((texts(.teamNoMessage), Theme.dimmed))
        }
        let back = min(messagesBack, max(0, lines.count - inner.height))
        let top = max(0, lines.count - inner.height - back)
        for row in 0..<inner.height where top + row < lines.count {
            let (text, style) = lines[top + row]
            screen.put(text, x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
        let composing = mode == .composing
        let composeInner = Pane(title: texts(composing ? .teamPaneWrite : .teamPaneWriteEnter), focused: composing).render(in: composeArea, on: &screen)
        let choices = recipients
        let to = label(choices[min(recipient, choices.count - 1)])
        var x = screen.put(texts(.teamToLabel), x: composeInner.x, y: composeInner.y, style: Theme.dimmed, clip: composeInner)
        x = screen.put(to, x: x, y: composeInner.y, style: .bold, clip: composeInner)
        if composing { screen.put("  " + texts(.teamToChange), x: x, y: composeInner.y, style: Theme.dimmed, clip: composeInner) }
        let field = Rect(x: composeInner.x + 2, y: composeInner.y + 1, width: composeInner.width - 2, height: 1)
        screen.put("›", x: composeInner.x, y: field.y, style: composing ? Theme.notice : Theme.dimmed, clip: composeInner)
        composer.render(in: field, on: &screen, style: composing ? .underline : .dim, focused: composing)
    }
}
