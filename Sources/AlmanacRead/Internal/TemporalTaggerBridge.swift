import AlmanacCore
import AlmanacTime

/// Full dates a note states about itself ("16th December 2015", "Weekly Meeting: 2015-12-16").
enum TemporalTaggerBridge {
    static let tagger = TemporalTagger()

    /// The first day-precise date with a stated year in `text`.
    static func statedDate(in text: String) -> CivilDate? {
        tagger.tag(text, reference: nil).first { e in
            e.stated.contains(.year) && e.stated.contains(.day) && e.when.precision != .none
        }?.when.start
    }
}
