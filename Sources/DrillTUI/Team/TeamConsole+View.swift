import DrillCore
import DrillText

extension TeamConsole {
    /// Draws the console at `size` (at least 80×24; the runner shows `TooSmallView` below that).
    public func render(_ size: Size) -> Screen {
        var screen = Screen(size: size)
        screen.bells = bells
        screen.bidi = bidi.layout(for: texts.language)
        let areas = ConsoleChrome.areas(size)
        drawHeader(in: areas.header, on: &screen)
        ConsoleChrome.drawTabs(tabs, trailing: nextDeadline, in: areas.tabs, on: &screen)
        switch tab {
        case .inbox: drawInbox(in: areas.body, on: &screen)
        case .messages: drawMessages(in: areas.body, on: &screen)
        case .score: drawScore(in: areas.body, on: &screen)
        }
        if hotWash.isOpen { drawHotWash(in: areas.body, on: &screen) }
        ConsoleChrome.drawBottom(keys: keys, status: status, in: areas.bottom, on: &screen)
        if let overlay { drawOverlay(overlay, in: screen.bounds, on: &screen) }
        screen.finishLayout()
        return screen
    }

    // MARK: - Overlays

    private func drawOverlay(_ overlay: Overlay, in area: Rect, on screen: inout Screen) {
        switch overlay {
        case .help(let help): help.render(in: area, on: &screen)
        case .confirm(let dialog, _): dialog.render(in: area, on: &screen)
        case .notice(let dialog): dialog.render(in: area, on: &screen)
        case .artifact(let inject, let index, let viewer):
            guard let item = model.inject(inject), item.artifacts.indices.contains(index) else { return }
            screen.restyle(area) { $0.attributes.insert(.dim) }
            let frame = Self.artifactFrame(in: area)
            let artifact = item.artifacts[index]
            let count = item.artifacts.count > 1 ? " " + texts(.teamArtifactCount, ["i": index + 1, "n": item.artifacts.count]) : ""
            let inner = Pane(title: "\(artifact.name)\(count)", focused: true).render(in: frame, on: &screen)
            var shown = viewer
            let body = Self.artifactText(in: area)
            shown.offset = shown.visibleOffset(rowCount: shown.layout(body.size).rows.count, height: body.height)
            shown.render(in: body, on: &screen)
            let footer = texts(.teamArtifactFooter)
            screen.put(footer, x: inner.maxX - DisplayWidth.of(footer), y: inner.maxY - 1, style: Theme.dimmed, clip: inner)
        }
    }
}

extension TeamConsole {
    /// A kind of answer in the console's language ("choose one", "texte"…).
    func inputLabel(_ input: TeamConsoleModel.TaskInput) -> String {
        switch input {
        case .text: texts(.teamInputText)
        case .number: texts(.teamInputNumber)
        case .choice(_, let multiple): texts(multiple ? .teamInputChoices : .teamInputChoice)
        case .indicators: texts(.teamInputIndicators)
        case .report: texts(.teamInputReport)
        case .coordination: texts(.teamInputCoordination)
        }
    }

    /// An outcome mark's word in the console's language.
    func markLabel(_ mark: Theme.Mark) -> String { mark.label(texts) }
}

extension TeamConsole {
    /// The box of the artifact viewer over `area`, and the text area inside it.
    static func artifactFrame(in area: Rect) -> Rect {
        area.centered(Size(width: min(area.width - 4, 110), height: area.height - 2))
    }

    static func artifactText(in area: Rect) -> Rect {
        let inner = Pane.inner(artifactFrame(in: area))
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1))
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = self
        while let last = s.last, last.isNewline { s.removeLast() }
        return s
    }
}
