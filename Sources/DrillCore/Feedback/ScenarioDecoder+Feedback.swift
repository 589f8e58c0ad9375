extension ScenarioDecoder {
    /// grade17: the `feedback:` section, a list of questions.
    func feedback(_ node: YAMLNode?) -> [FeedbackQuestion] {
        var questions: [FeedbackQuestion] = []
        var seen = Set<String>()
        for n in reader.items(of: node, "feedback") {
            guard let f = reader.fields(of: n, "a feedback question", allowed: ["id", "type", "prompt", "options"],
                                        required: ["id", "type", "prompt"]) else { continue }
            let id = reader.string(f["id"], "question id") ?? ""
            guard let type = reader.choice(f["type"], "question type", as: FeedbackQuestion.Kind.self) else { continue }
            let options = reader.strings(f["options"], "options")
            if !id.isEmpty, !seen.insert(id).inserted { reader.error(.feedbackQuestionTwice, ["id": id], "feedback question '\(id)' is listed twice", at: f["id"]) }
            if type == .choice, options.count < 2 { reader.error(.feedbackChoiceOptions, [:], "a choice question needs at least two options", at: f["options"] ?? n) }
            if type != .choice, f["options"] != nil { reader.error(.feedbackOptionsNotChoice, [:], "only a choice question has options", at: f["options"]) }
            questions.append(FeedbackQuestion(id: id, type: type, prompt: reader.string(f["prompt"], "prompt") ?? "", options: options))
        }
        return questions
    }
}
