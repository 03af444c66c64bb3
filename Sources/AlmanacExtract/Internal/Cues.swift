import Foundation
import AlmanacCore

/// Cue words, by what they signal. One place to add a word.
enum Cues {
    // MARK: Meetings

    /// Labels of an attendees list ("Attendees:", "## Present", "Roll call:").
    static let attendeeLabels: [String] = [
        "attendees", "attending", "present", "participants", "in attendance", "attendance", "people", "who", "roll call",
        "members present", "people present",
    ]
    /// Labels that are ordinary words at the start of prose ("People who…", "Participants will…"): a label
    /// only with a colon.
    static let attendeeWordsNeedingColon: Set<String> = ["people", "who", "participants", "attending"]
    /// The last word of a short key that labels people present ("Directors present:", "Members attending:").
    static let attendeeKeyEnds: Set<String> = ["present", "attending", "attendees", "attendance"]
    /// Keys that name a meeting's chair ("Chair: Ana", "Facilitator: Ben"): the chair comes first.
    static let chairLabels: Set<String> = [
        "chair", "chairs", "chairperson", "co-chairs", "facilitator", "facilitators", "moderator", "chaired by",
        "facilitated by", "led by",
    ]
    /// The last word of a heading over an attendees list ("Introduction of attendees").
    static let attendeeHeadingEnds: Set<String> = ["attendees", "attendance"]
    /// Words that make a title name a meeting ("Weekly sync", "Board meeting", "Dev call notes").
    static let meetingTitleWords: Set<String> = [
        "meeting", "meetings", "call", "sync", "standup", "retro", "retrospective", "hangout", "catchup", "telecon",
        "teleconference",
    ]
    /// Words that make a title or heading the record of a meeting ("Agenda for …", "… minutes").
    static let recordWords: Set<String> = ["agenda", "minutes"]
    /// "2026": four digits starting 19 or 20, a year a title or name carries.
    static func isYear<S: StringProtocol>(_ text: S) -> Bool {
        text.count == 4 && text.allSatisfy(\.isNumber) && (text.hasPrefix("19") || text.hasPrefix("20"))
    }
    /// Month names and their short forms, for telling a dated title from an edition's ("… 2012").
    static let monthNames: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    /// Keys of a meeting's header that give its days and its place, the place keys best first.
    static let meetingDateKeys: Set<String> = [
        "date", "dates", "when", "on", "day", "days", "dates and times", "date and time", "date & time", "date/time",
    ]
    /// Keys of a line that gives a place ("Where: …", "Location: …"), most telling first.
    static let placeKeys: [String] = ["where", "location", "venue", "place"]
    static let meetingPlaceKeys: [String] = placeKeys + ["in"]
    /// Words that make a heading or lead line name meetings and their schedule ("Dates and locations of
    /// future meetings", "Scheduled 2027 meetings:"): both kinds must be there.
    static let scheduledMeetingWords: Set<String> = [
        "meeting", "meetings", "call", "calls", "plenary", "plenaries", "telecon", "telecons",
    ]
    static let scheduleWords: Set<String> = [
        "future", "next", "upcoming", "scheduled", "schedule", "planned", "dates", "calendar", "remaining", "forthcoming",
    ]
    /// Column headers of a table of meetings (and of events, which are not meetings).
    static let dateColumnWords: Set<String> = ["date", "dates", "when", "day", "days"]
    static let placeColumnWords: Set<String> = ["location", "where", "place", "venue", "city"]
    static let hostColumnWords: Set<String> = ["host", "hosts", "organizer", "organiser", "sponsor"]
    /// Words of a heading or lead line that make its list one of events too ("Upcoming events and meetings").
    static let eventListWords: Set<String> = [
        "event", "events", "conference", "conferences", "meetup", "meetups", "hackathon", "hackathons", "workshop",
        "workshops",
    ]
    static let eventColumnWords: Set<String> = ["event", "events", "conference", "conferences", "meetup", "meetups"]
    /// A cell that holds no value.
    static let placeholders: Set<String> = ["?", "??", "???", "tbd", "tba", "tbc", "-", "—", "–", "n/a", "none"]
    /// Nouns that name a meeting where a date stands beside them ("the Sept. 19th TAC meeting").
    static let meetingNouns: WordSet = ["meeting", "meetings", "call", "telecon", "plenary", "sync", "standup", "retrospective"]
    /// Words that make a relative date look ahead ("later this week", "will meet next Tuesday").
    static let aheadWords: WordSet = ["will", "next", "later", "upcoming", "coming", "scheduled", "planned", "shall", "following"]
    /// Nouns after a meeting word that make it a document of the meeting ("meeting agenda", "call notes").
    static let meetingDocuments: WordSet = [
        "agenda", "agendas", "notes", "minutes", "recording", "recordings", "link", "links", "invite", "invites", "room",
        "doc", "docs", "document", "slides", "series",
    ]
    /// Words before "meeting" that make it a verb ("we are meeting at the river").
    static let meetingVerbSubjects: WordSet = [
        "we", "they", "i", "you", "are", "is", "be", "were", "was", "am", "'re", "been", "and", "to", "will", "would", "can",
        "could", "should", "please", "let's",
    ]
    /// Number words that count meetings ("two meetings starting on …").
    static let smallNumbers: WordSet = ["two", "three", "four", "five", "six", "several", "weekly", "monthly"]
    static let callWords: WordSet = ["call", "meeting", "calls", "meetings", "hangout", "sync", "standup", "stand-up"]
    static let callSchedulers: WordSet = [
        "next", "scheduled", "resume", "will", "moved", "move", "postponed", "rescheduled", "cancelled", "canceled",
    ]
    static let cancellation: WordSet = ["cancelled", "canceled", "skip", "skipped", "skipping", "no", "off"]

    // MARK: Events

    /// Nouns that name an event, with the subkind they give.
    static let eventNouns: [String: Item.Subkind] = [
        "conference": .conference, "conf": .conference, "forum": .conference, "symposium": .conference,
        "convention": .conference, "congress": .conference, "expo": .conference, "devroom": .conference,
        "summit": .summit, "workshop": .workshop, "tutorial": .workshop, "seminar": .workshop,
        "webinar": .workshop, "course": .workshop, "bootcamp": .workshop, "hackathon": .hackathon, "hackday": .hackathon,
        "hack-day": .hackathon, "sprint": .hackathon, "hackfest": .hackathon, "codefest": .hackathon, "jam": .hackathon,
        "meetup": .meetup, "meet-up": .meetup, "party": .meetup, "gathering": .meetup, "social": .meetup,
        "bof": .meetup, "unconference": .meetup, "talk": .talk, "keynote": .talk, "panel": .talk, "presentation": .talk,
        "lightning": .talk, "hangout": .other, "day": .other, "camp": .workshop, "fest": .conference,
        "festival": .conference, "retreat": .meetup, "launch": .release, "townhall": .meetup,
    ]
    /// The sessions of a conference's programme: on the conference's own page, an undated one is a slot of
    /// its programme, not an event of its own.
    static let sessionNouns: WordSet = ["bof", "bofs", "keynote", "panel", "lightning", "talk", "tutorial", "presentation"]
    /// Event nouns that need a name before them to count ("day", "week", "demo", "launch").
    static let weakEventNouns: WordSet = [
        "day", "launch", "social", "jam", "course", "gathering", "presentation", "lightning", "hangout", "panel", "session",
    ]
    /// Words that may stand in an event's name before its noun without a capital ("install party", "user group").
    static let nameModifiers: WordSet = [
        "install", "installation", "developer", "developers", "user", "users", "hack", "community", "release",
        "doc", "docs", "documentation", "q&a", "online", "virtual", "annual", "spring", "summer", "autumn", "fall",
        "winter", "tutorial", "contributor", "contributors", "newcomer", "newcomers", "bug", "triage", "packaging",
        "coding", "design", "planning", "lightning", "demo", "unikernel", "open", "source", "security",
    ]
    /// Words that end a name going leftwards.
    static let nameStoppers: WordSet = [
        "the", "a", "an", "this", "that", "these", "those", "our", "their", "his", "her", "its", "my", "your", "at", "in",
        "on", "of", "for", "to", "from", "with", "and", "or", "but", "is", "are", "was", "were", "be", "been", "will",
        "would", "should", "could", "can", "may", "might", "has", "have", "had", "do", "does", "did", "about", "into",
        "by", "as", "if", "so", "than", "then", "there", "here", "what", "which", "who", "whom", "when", "where", "why",
        "how", "all", "any", "some", "each", "every", "no", "not", "next", "last", "another", "other", "such", "one",
        "up", "out", "it", "we", "they", "he", "she", "i", "you", "us", "them", "during", "before", "after", "also",
        "hold", "holding", "organise", "organize", "organising", "organizing", "run", "running", "attend", "attended",
        "attending", "give", "gave", "giving", "gives", "submit", "submitted", "plan", "planning", "set", "setting",
        "new", "big", "small", "good", "great", "nice", "first", "second", "upcoming", "recent", "previous", "future",
        "weekly", "monthly", "regular", "more", "most", "few", "several", "many", "much", "own", "same", "similar",
    ]
    /// Verbs and phrases that make a following proper name an event ("a demo at FOSDEM").
    static let attendanceVerbs: WordSet = [
        "attend", "attended", "attending", "present", "presented", "presenting", "speak", "spoke", "speaking",
        "talk", "talked", "demo", "demoed", "demonstrated", "visit", "visited", "visiting", "travel", "travelling",
        "traveling", "submit", "submitted", "interest", "booth", "stand", "keynote", "panel", "poster", "exhibit",
    ]
    /// Capitalised words that are not event names even after "at".
    static let notEventNames: WordSet = [
        "api", "tls", "ssl", "dns", "tcp", "udp", "http", "https", "xml", "json", "html", "css", "arm", "vm", "vms", "cpu",
        "irc", "pr", "prs", "rfc", "dhcp", "ntp", "ci", "os", "ui", "ux", "url", "uri", "sql", "git", "ssh", "usb",
        "ram", "ip", "ipv4", "ipv6", "aws", "gcp", "ec2", "s3", "faq", "todo", "tbd", "tbc", "aob", "pdf", "uk", "us",
        "eu", "usa", "utc", "gmt", "cet", "pst", "est", "io", "linux", "unix", "kvm",
        "github", "gitlab", "slack", "zoom", "jitsi", "google", "mailing", "list", "the", "least", "most", "work",
        "home", "first", "last", "all", "one", "some", "time", "moment", "end", "start", "beginning", "once", "times",
        "ibm", "mit", "cern", "nasa", "acm", "ieee", "w3c", "hp", "bbc", "nhs", "un", "aoe", "gsoc", "opw", "urop",
        "arp", "vpn", "nat", "cli", "gui", "ide", "sdk", "abi", "cpu", "gpu", "ram", "ssd", "pdf", "png", "svg",
        "rpm", "rpms", "deb", "apt", "npm", "pip", "ssh", "ftp", "smtp", "imap", "ldap", "oauth", "jwt", "xmpp",
    ]

    // MARK: Releases

    static let releaseNouns: WordSet = ["release", "releases", "version", "versions"]
    static let releaseVerbsPast: WordSet = ["released", "shipped", "published", "tagged", "launched"]
    static let releaseVerbsFuture: WordSet = ["release", "releasing", "ship", "shipping", "publish", "cut", "cutting", "tag", "tagging"]

    // MARK: Deadlines

    /// Deadline phrases and their subkind; matched as word sequences.
    static let deadlinePhrases: [([String], Item.Subkind)] = [
        (["cfp"], .cfp), (["cfps"], .cfp), (["call", "for", "papers"], .cfp), (["call", "for", "proposals"], .cfp),
        (["call", "for", "talks"], .cfp), (["call", "for", "participation"], .cfp), (["call", "for", "presentations"], .cfp),
        (["call", "for", "submissions"], .cfp), (["call", "for", "speakers"], .cfp), (["paper", "submissions"], .submission),
        (["proposals"], .cfp), (["abstracts"], .submission), (["submissions"], .submission), (["submission"], .submission),
        (["applications"], .application), (["application"], .application), (["registration"], .registration),
        (["registrations"], .registration), (["early", "bird"], .registration), (["sign-ups"], .registration),
        (["signups"], .registration), (["rsvp"], .registration), (["deadline"], .other), (["deadlines"], .other),
        (["register"], .registration),
    ]
    /// A verb that names what a cut-off closes ("Please register before 16 May"): the thing it closes.
    static let deadlineVerbNouns: [String: String] = ["register": "Registration"]
    static let deadlineVerbs: WordSet = [
        "close", "closes", "closing", "closed", "due", "ends", "end", "deadline", "until", "by", "before", "open",
    ]

    // MARK: Projects

    /// Programme words and the subkind they give to projects under them.
    static let programmes: [(String, Item.Subkind)] = [
        ("pioneer project", .pioneer), ("pioneer projects", .pioneer), ("pioneer", .pioneer), ("gsoc", .gsoc),
        ("google summer of code", .gsoc), ("summer of code", .gsoc), ("outreachy", .outreachy), ("opw", .opw),
        ("outreach program for women", .opw), ("outreach programme for women", .opw), ("urop", .urop),
        ("student project", .student), ("student projects", .student), ("students", .student),
        ("summer project", .student), ("summer projects", .student), ("internship", .student), ("intern", .student),
        ("interns", .student), ("good first issue", .pioneer), ("newcomer", .pioneer), ("newcomers", .pioneer),
        ("projects", .other),
    ]

    // MARK: Status

    static let pastVerbs: WordSet = [
        "was", "were", "took", "happened", "held", "went", "gave", "attended", "visited", "presented", "spoke", "ran",
        "did", "had", "released", "launched", "demoed", "saw", "finished", "completed", "merged", "shipped",
    ]
    static let proposalWords: WordSet = [
        "would", "could", "should", "desire", "idea", "ideas", "propose", "proposed", "proposal", "suggest",
        "suggested", "suggestion", "maybe", "perhaps", "consider", "considering", "prospect", "want", "wants",
        "like", "plans", "plan", "planning", "thinking", "think", "hope", "hoping", "interested", "interest",
        "discussion", "discussed", "looking", "possible", "possibly", "potential", "wish", "need", "needs",
    ]
    static let futureWords: WordSet = [
        "will", "soon", "upcoming", "coming", "next", "scheduled", "planned", "due", "about", "gearing", "ready",
        "preparing", "shall", "going", "taking", "registered", "signed", "brink",
    ]
    /// Words and phrases that call an event off or move it, matched as whole words in order ("we pushed
    /// the fix" moves nothing; "pushed back to May" does).
    static let cancelPhrases = PhraseSet(["cancelled", "canceled", "called off", "scrapped", "dropped"])
    static let postponePhrases = PhraseSet([
        "postponed", "delayed", "deferred", "pushed back", "pushed out", "pushed to", "slipped", "rescheduled", "put off",
        "off until", "held up", "got in the way", "blocked",
    ])
}

// MARK: - Schedules (key-date lists, timeline tables)

extension Cues {
    /// Words of a schedule entry that make it a cut-off ("Code Freeze", "Submission deadline", "Docs complete").
    static let scheduleDeadlineWords: WordSet = [
        "deadline", "deadlines", "freeze", "slush", "cutoff", "cut-off", "due", "closes", "close", "closed", "closing",
        "expires", "expire", "expiry", "ends", "complete", "completed", "ready", "until", "branching", "submit",
    ]
    /// Words of a schedule entry that make it an opening, a notice or an internal step: no item.
    static let scheduleNoticeWords: WordSet = [
        "opens", "open", "opening", "notification", "notifications", "notified", "notify", "announced", "announcement",
        "announce", "published", "publication", "updated", "created", "removed", "finalized", "finalised", "thaw",
    ]
    /// Words of a schedule entry that end a cut-off ("Lifting code freeze"): no item.
    static let scheduleThawWords: WordSet = ["thaw", "lift", "lifts", "lifting", "lifted"]
    /// Words of a schedule entry that make it a reminder ("Brace yourself, code freeze is coming"): never an item.
    static let scheduleReminderWords: WordSet = ["coming", "reminder", "reminders"]
    /// Words that make a schedule entry a cut-off even beside an opening ("Docs deadline — open placeholder PRs").
    static let scheduleStrongDeadlineWords: WordSet = ["deadline", "deadlines", "freeze", "slush", "cutoff", "cut-off", "due"]
    /// Words of a schedule entry that start a period ("Release cycle begins"): no item, unless an event begins.
    static let scheduleStartWords: WordSet = ["begins", "begin", "starts", "start", "kickoff"]
    /// Words of a schedule entry that make it a meeting of the team ("Burndown meetings", "Release retrospective").
    static let scheduleMeetingWords: WordSet = ["meetings", "retrospective", "retro", "standup", "stand-up", "sync", "call", "meeting"]
    /// Words that make a deadline's subkind.
    static let cfpWords: WordSet = ["cfp", "cfps", "proposals", "proposal", "papers", "paper", "talks", "talk", "presentations", "abstracts", "abstract", "speakers"]
    static let submissionWords: WordSet = ["submission", "submissions", "upload", "uploads", "poster", "posters"]
    static let registrationWords: WordSet = ["registration", "registrations", "register", "tickets", "ticket", "rsvp", "signups", "sign-ups"]
    static let applicationWords: WordSet = ["application", "applications", "apply", "grant", "grants", "scholarship", "scholarships", "discount"]
    /// Words after a date that still belong to it ("2 November onwards").
    static let dateTrailers: Set<String> = ["onwards", "onward", "aoe", "utc", "eod"]
    /// Column headers of a table's date, title and event columns.
    static let scheduleDateHeaders: Set<String> = ["date", "dates", "when", "day", "deadline", "time"]
    static let scheduleTitleHeaders: Set<String> = ["event", "events", "name", "what", "title", "conference", "meetup", "milestone", "item", "activity"]
    static let scheduleEventHeaders: Set<String> = ["event", "events", "conference", "conferences", "meetup", "meetups"]
    /// Keys that name the page's own event ("Conference dates: 17-18 October", "Save the date: 22 May").
    static let pageDateKeys: WordSet = [
        "dates", "date", "time", "when", "event", "conference", "devroom", "summit", "workshop", "meetup", "hackathon", "save", "the",
    ]
    /// Section names that are no event's name ("Important dates", "Overview").
    static let sectionNames: WordSet = ["dates", "overview", "about", "schedule", "timeline", "important", "key", "deadlines", "tl;dr", "summary"]
    /// Words of a page title that make it a meeting's page ("Agenda for the 76th meeting").
    static let meetingPageWords: WordSet = ["agenda", "agendas", "minutes", "notes"]
    /// Words of a heading or a line before a list that make its entries releases ("New releases this week:").
    static let releaseListWords: WordSet = ["release", "releases", "released", "updates", "updated", "versions", "changelog", "libraries", "tools"]
    /// Nouns that end a lead-in naming an attribute of an event, not the event ("Conference dates").
    static let attributeNouns: WordSet = [
        "date", "dates", "deadline", "deadlines", "schedule", "location", "venue", "registration", "time", "times",
        "program", "programme", "agenda", "fees", "tickets",
    ]
    /// Plural heads that "X and Y <head>" shares ("poster and demo proposals").
    static let distributedHeads: WordSet = ["proposals", "submissions", "papers", "abstracts", "applications", "registrations", "nominations"]
    /// Keys of a `Key: value` line that name no thing ("When: …", "Time: …").
    static let genericKeys: WordSet = ["when", "time", "times", "where", "what", "day", "days", "start", "end", "schedule"]
    /// Words of a short line that heads a list of releases ("Debut release", "New releases").
    static let releaseHeaderWords: WordSet = ["debut", "new", "first", "initial", "release", "releases", "this", "week"]
    /// Words before a meeting word that make it no particular meeting ("other meetings", "any call").
    static let noParticularMeeting: WordSet = ["other", "another", "some", "any", "no", "many", "several"]
}
