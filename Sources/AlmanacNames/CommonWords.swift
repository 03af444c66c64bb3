/// Ordinary English words: a lower-case word that is not one of these (after dropping a plural or
/// verb ending) is probably a name ("ctypes", "functoria", "nocrypto"); a phrase made only of these
/// is probably not ("version numbering", "high-quality"). Written for Almanac; one place to add a word.
package enum CommonWords {
    package static func contains(_ word: String) -> Bool {
        let lower = word.utf8.allSatisfy({ $0 < 0x41 || $0 > 0x5A }) ? word : word.lowercased()
        if set.contains(lower) { return true }
        for suffix in suffixes where lower.hasSuffix(suffix) {
            let stem = String(lower.dropLast(suffix.count))
            if set.contains(stem) || (suffix == "ies" || suffix == "ied") && set.contains(stem + "y") { return true }
            if suffix == "ing" || suffix == "ed", set.contains(stem + "e") { return true }
            if suffix == "ing" || suffix == "ed", stem.count > 2, stem.last == stem.dropLast().last, set.contains(String(stem.dropLast())) {
                return true
            }
        }
        return false
    }

    /// Plural and verb endings, dropped to find a listed stem.
    static let suffixes = ["s", "es", "ed", "d", "ing", "ly", "er", "ers", "ies", "ied", "'s"]

    /// True when every word of `phrase` (split at spaces, hyphens and slashes) is a common word.
    package static func isOrdinary(_ phrase: String) -> Bool {
        let words = phrase.lowercaseWords
        // A version or a number ("1.0", "2.5") names something.
        return !words.isEmpty && !words.contains(where: { $0.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }) && words.allSatisfy(contains)
    }

    static let set: Set<String> = Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    private static let list = """
        a about above accept access according account across act action active activity actual actually add address
        admin advance advice affect after afternoon again against age agenda ago agree ahead aim air all allow almost
        alone along already also alternative although always amount an analysis and announce announcement annual
        another answer any anyone anything anyway anywhere apart apply approach appropriate approval approve area
        argue argument around arrange arrive art article as ask aspect assign assume at attach attempt attend
        attention audience author automatic automatically available avoid aware away back background backlog bad
        balance base basic basically basis be bear beat beautiful because become bed before begin behind believe
        below benefit best better between beyond big bill bit black block blog blue board body book both bottom box
        branch break brief briefly bring broad broken brought browser bug build built bunch burden business busy but
        buy by call can cannot capacity capture card care careful carry case catch cause certain certainly chain
        chair challenge chance change channel chapter charge chat cheap check child choice choose chosen city claim
        class clean clear clearly click client close closely code cold collect collection colour color column come
        comment commit common community company compare complete completely complex component concern concrete
        condition conference confirm connect connection consider consistent constraint contact contain content
        context continue contribute contribution control convert copy core correct cost could count country couple
        course cover create creation critical cross current currently custom customer cut cycle daily damage data
        date day dead deal dear debate decide decision deep default define definitely delay delete deliver demand
        demo depend deploy deployment describe description design desire detail develop developer development device
        did die difference different difficult direct direction directly discuss discussion display distribution do
        doc document documentation does done door double doubt down draft draw drive drop due dull during each early
        easily east easy edge edit effect effort either else email empty enable end engine enough ensure enter entire
        entirely environment equal error especially essential etc even evening event ever every everyone everything
        exact exactly example excellent except exciting exist existing expect expensive experience experiment
        explain explanatory express extend extension external extra face fact fail failure fair fairly fall false
        family far fast feature feed feedback feel few field figure file fill final finally find fine finish first
        fit fix fixed flag flat flow focus folk follow following for form format former forward free frequent
        friend from front full fully fun function functional further future gain game gather general generally get
        give glad go goal good got grab great green ground group grow guess guide guy half hand handle happen happy
        hard hardly have he head health hear heavy hello help her here high higher highly him his history hit hold
        holiday home hope host hot hour house how however huge idea if image impact implement important improve
        improvement in include including increase indeed individual information initial input inside install
        installation instance instead intend interest interesting interface internal into introduce introduction
        invite involve issue it item its itself job join just keen keep key kind know knowledge label lack large last
        late later latest launch lead learn least leave left less let letter level library life light like likely
        limit line link list little live load local long look lose lot love low machine main mainly maintain major
        make manage manual many mark market master match material matter may maybe me mean meet meeting member
        mention merge message method middle might mind minimum minor minute miss mode model modern module moment
        money month more morning most mostly move much multiple must my name natural near nearly necessary need
        network never new news next nice night no none normal normally not note nothing notice now number numbering
        object obvious obviously occur of off offer office official often ok okay old on once one online only open
        operation opinion option or order organisation organise organization organize original other otherwise our
        out output outside outsider outstanding over overall own package page pain paper parallel part particular
        particularly partner party pass past patch path pay people per perfect perform perhaps period person
        perspective phase pick picture piece pin place plain plan planning platform play please plenty plus point
        policy poll pool poor popular port position positive possible possibly post potential power practical
        practice prefer prepare present press pretty prevent previous previously price primary principle print
        prior priority private probably problem process produce product production program programme progress
        project promise proper properly proposal propose prospect protect prototype provide public publish pull
        purpose push put quality question quick quickly quite raise range rate rather reach read ready real really
        reason recent recently record red reduce refactor refactoring reference regard regular related release
        relevant rely remain remember remind remote remove rename repeat replace reply report repository request
        require requirement research resource respond response rest result resume retire return review rewrite
        rich right risk road role room rough round rule run running rush safe same save say scale schedule scheme
        school scope score screen script search season second section secure security see seem select self sell
        send sense separate series serious serve server service session set setup several shape share she shift
        short should show side sign significant signup similar simple simply since single site size skill slide
        slightly slow small smooth so social software solution solve some someone something sometimes soon sort
        sound source space speak special specific speed spend split spot spring stable staff stage stand standard
        start state statement static status stay step still stop store story straight strategy stream strong
        structure stuff style subject submit success successful such suggest suggestion summary summer support
        sure surface system table take talk target task team technical tell template term test testing text than
        thank thanks that the their them theme then there therefore these they thing think this those though
        thought through throughout thus ticket time tiny title to today together tomorrow too tool top topic total
        touch toward towards track tracking traffic training transfer tree trial trick trouble true try turn type
        typical under understand unit unless until up update upgrade upon upstream us usage use useful user usual
        usually value variety various version very via video view visit wait walk want warn watch way we web
        website week weekend weekly welcome well what when where whether which while white who whole why wide wider
        wiki will willing window winter wish with within without word work worker world worry worth would write
        writing wrong year yes yet you young your yourself zero
        able above accurate add adding address advanced agreed already announced anyway apparently approach
        assumed attempt based became becoming begun believed better bigger biggest brand broken changed cheaper
        checked cleaner clearer closed coming completed confirmed considered continued covered created decided
        described designed discussed done earlier easier ended fewer finished fixed followed found further given
        going gone greater happened heard helped hoped improved included interested involved kept known larger
        later learned left less made mentioned merged missed moved needed newer noted offered older opened
        organised picked planned playing pointed posted prepared proposed provided published raised reached
        received released removed reported required reviewed running said seen sent shown solved spent started
        stuck submitted suggested taken tested thought told tried turned updated used waiting wanted welcomed
        worked working written
        alpha beta preview candidate stable experimental final nightly weekly monthly daily minor major patch
        full half whole quarter end start beginning middle mid early late
        general misc miscellaneous other others any business aob agenda minutes notes actions action items
        item topics topic intro introduction overview summary wrap wrap-up retrospective retro roadmap status
        outreach quality ask asked asking call calls day days week weeks month months year years
        update updates progress report reports plans goals discussion discussions news questions question
        answers thoughts ideas misc housekeeping logistics reminder reminders announcements
        january february march april may june july august september october november december monday tuesday
        wednesday thursday friday saturday sunday
        pending partial recent current previous upcoming initial final separate various different similar entire
        traditional customary subsequent corresponding compatible informal yearly quarterly bi maintenance abstract
        finalize finalise
        certain complete incomplete particular specific special official unofficial new old young small large big
        great huge tiny long short quick slow fast easy hard simple complex clean dirty broken working good bad
        better worse best worst nice cool awesome fine ok proper improper important interesting useful useless
        possible impossible likely unlikely ready unready available unavailable free busy open closed public
        private internal external main major minor full empty whole half lib libs misc stuff bits odds ends
        own other another next last first second third few many several some any each every all both either
        neither none lot lots plenty enough more most less least much little
        student students intern interns mentor mentors mentee mentees contributor contributors newcomer
        newcomers member members people person participant participants volunteer volunteers speaker speakers
        organiser organisers organizer organizers maintainer maintainers committee board chair host guest
        room venue office downtown city country online remote hybrid virtual schedule calendar slot slots
        reminder regrets apologies present absent attendees minutes ideas idea topic discussion
        """
}
