/// One real-world thing a note speaks of: an event, a deadline, a meeting or a project.
///
/// An `Item` is what one note says; ``ModelItem`` (in AlmanacModel) is the same thing merged
/// across the whole notes history.
public struct Item: Sendable, Hashable, Codable {
    public var kind: Kind
    public var subkind: Subkind?
    public var title: String
    public var aliases: [String]
    public var when: When
    public var status: Status
    public var location: String?
    /// For a deadline: the title of the event it belongs to.
    public var forEvent: String?
    /// Meetings: chair first, then attendees. Projects: mentors and contributors.
    public var people: [String]
    /// Projects: stars, 1–3.
    public var difficulty: Int?
    public var url: String?
    /// Every line that supports the item, most informative first.
    public var sources: [Evidence]
    /// Descriptive fields of a project (from a projects list or the notes).
    public var project: ProjectDetails?
    /// Decisions that were guesses (a year inferred, an event implied), for `lint` and `explain`.
    public var inferred: [Inference]
    /// Free-form tags (from configuration or an imported calendar's CATEGORIES).
    public var tags: [String]
    /// A UID the item already has elsewhere (an imported .ics event); kept as its calendar UID.
    public var externalUID: String?

    public init(
        kind: Kind, subkind: Subkind? = nil, title: String, aliases: [String] = [], when: When = .undated,
        status: Status = .unknown, location: String? = nil, forEvent: String? = nil, people: [String] = [],
        difficulty: Int? = nil, url: String? = nil, sources: [Evidence] = [], project: ProjectDetails? = nil,
        inferred: [Inference] = [], tags: [String] = [], externalUID: String? = nil
    ) {
        self.kind = kind
        self.subkind = subkind
        self.title = title
        self.aliases = aliases
        self.when = when
        self.status = status
        self.location = location
        self.forEvent = forEvent
        self.people = people
        self.difficulty = difficulty
        self.url = url
        self.sources = sources
        self.project = project
        self.inferred = inferred
        self.tags = tags
        self.externalUID = externalUID
    }

    /// Every name the item goes by, title first.
    public var names: [String] { [title] + aliases }
}

// MARK: - Closed sets

extension Item {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case event, deadline, meeting, project
    }

    /// The finer kind: conference… for events, cfp… for deadlines, call for meetings, pioneer… for projects.
    public enum Subkind: String, Sendable, Hashable, Codable, CaseIterable {
        // events
        case conference, workshop, hackathon, meetup, summit, release, talk
        // deadlines
        case cfp, registration, application, submission
        // meetings
        case call
        // projects (programmes)
        case pioneer, gsoc, outreachy, opw, urop, student
        case other
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case scheduled, tentative, past, cancelled, postponed, proposed
        /// A project open for someone to take (on a projects list).
        case available
        case inProgress = "in-progress"
        case done, unknown
    }
}

/// A guess Almanac made about an item, and where: "the year of '22 Jan' was a close call".
public struct Inference: Sendable, Hashable, Codable {
    public var message: String
    public var evidence: Evidence

    public init(_ message: String, at evidence: Evidence) {
        self.message = message
        self.evidence = evidence
    }
}
