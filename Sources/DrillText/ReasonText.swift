import DrillCore

extension Texts {
    /// A score reason worded in this language, in the order the English protocol-v1 text uses:
    /// the outcome, then lateness, false items, wrong attempts and hints (with the points each
    /// took when `reason.figures`). The English catalog gives exactly `ScoreReason.text(figures:)`.
    public func reason(_ r: ScoreReason) -> String {
        var parts = [headline(r)]
        if let via = r.via { return list(parts + [gradeChannel(via, in: .reason)]) }
        let figures = r.figures
        if let late = r.lateBy {
            var part = late < 60_000 ? self(.reasonLateSeconds, ["n": Int((late + 999) / 1000)])
                                     : self(.reasonLateMinutes, ["n": Int((late + 59_999) / 60_000)])
            if figures && r.factor < 1 { part += " (×" + numbers.number(ScoreReason.shownFactor(r.factor)) + ")" }
            parts.append(part)
        }
        if r.falseItems > 0 {
            var part = self(.reasonFalseItems, ["n": r.falseItems])
            if figures && r.isScored && r.penalty > 0 { part += cost(r.penalty) }
            parts.append(part)
        }
        if r.listsWrong {
            var part = self(.reasonWrongAttempts, ["n": r.wrong])
            if r.falseItems == 0 && figures && r.isScored && r.penalty > 0 { part += cost(r.penalty) }
            parts.append(part)
        }
        if figures, !r.hintCosts.isEmpty {
            for h in r.hints where r.hintCosts.indices.contains(h) {
                var part = self(.reasonHint, ["n": h + 1])
                if r.hintCosts[h] > 0 && r.outcome != .wrong && r.outcome != .missed { part += cost(r.hintCosts[h]) }
                parts.append(part)
            }
        } else if r.hintCount > 0 {
            parts.append(self(.reasonHintsTaken, ["n": r.hintCount]))
        }
        return list(parts)
    }

    /// A task's reason as the team may see it: worded from the facts when the server sent them,
    /// else the English text a protocol-v1 server sent.
    public func reason(_ why: ScoreReason?, fallback: String) -> String {
        why.map { reason($0) } ?? fallback
    }

    private func cost(_ points: Double) -> String { " (−" + numbers.number(points, maxFraction: 6) + ")" }

    private func headline(_ r: ScoreReason) -> String {
        switch r.outcome {
        case .pending:
            return r.answeredAt != nil ? self(.reasonWaiting) : self(.reasonPending)
        case .correct:
            return self(.reasonCorrect)
        case .partial:
            if let told = r.teamsTold, let of = r.teamsToTell {
                return self(r.isFinal ? .reasonPartialTold : .reasonPartialSoFarTold, ["told": told, "n": of])
            }
            return self(r.isFinal ? .reasonPartialPercent : .reasonPartialSoFarPercent, ["p": ScoreReason.shownPercent(r.credit)])
        case .wrong:
            if r.answeredAt != nil { return self(.reasonWrongGraded) }
            return r.attempts.map { self(.reasonWrongAllAttempts, ["n": $0]) } ?? self(.reasonWrongNoAttempts)
        case .missed:
            return self(.reasonMissed)
        }
    }

    /// An outcome in a word ("correct", "partiel"…).
    public func outcome(_ outcome: Outcome) -> String {
        switch outcome {
        case .pending: self(.outcomePending)
        case .correct: self(.outcomeCorrect)
        case .partial: self(.outcomePartial)
        case .wrong: self(.outcomeWrong)
        case .missed: self(.outcomeMissed)
        }
    }

    /// The phase as the consoles' header shows it ("RUNNING", "EN COURS"…).
    public func phase(_ phase: ExerciseState.Phase) -> String {
        switch phase {
        case .notStarted: self(.phaseNotStarted)
        case .running: self(.phaseRunning)
        case .paused: self(.phasePaused)
        case .ended: self(.phaseEnded)
        }
    }
}
