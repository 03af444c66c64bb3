/// What a projects list (or a note) says about a contributor project beyond its title and status.
public struct ProjectDetails: Sendable, Hashable, Codable {
    /// A human estimate ("2 weeks", "175 h", "medium").
    public var timeEstimate: String?
    public var mentors: [String]
    public var contributors: [String]
    public var skills: [String]
    public var description: String?
    public var links: [String]
    /// True when the item comes from a projects list page rather than from meeting notes.
    public var listed: Bool

    public init(
        timeEstimate: String? = nil, mentors: [String] = [], contributors: [String] = [], skills: [String] = [],
        description: String? = nil, links: [String] = [], listed: Bool = false
    ) {
        self.timeEstimate = timeEstimate
        self.mentors = mentors
        self.contributors = contributors
        self.skills = skills
        self.description = description
        self.links = links
        self.listed = listed
    }
}
