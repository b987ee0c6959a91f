import ZhiliText
import ZhiliCore

/// One place in the text where a division is named.
struct RegionHit {
    /// Offset of the name.
    var start: Int
    /// Offset just past the name.
    var end: Int
    /// Codes the name may mean.
    var candidates: [String]
    /// The code chosen for this article.
    var code: String
    /// Whether the hit lists a place where something happened (…等地) rather than who acted.
    var isLocative: Bool
    /// Whether the name means one division that needs no context (see ``RegionTable/isPlain``).
    var isPlain: Bool
}

/// Finds division names in an article and resolves each to one code.
///
/// Matching is leftmost-longest over the table's trie, so 新城区 wins over 新城 and a blocker
/// such as 长治久安 hides the 长治 inside it. An ambiguous name (新城区, 青山区) resolves to the
/// candidate whose province or prefecture the article otherwise names, else to one in the
/// table's home province (the first of `bareCountyProvinces`), else to the first candidate.
struct RegionFinder {
    let table: RegionTable

    /// Every hit in `scalars`, in text order, unresolved (code = first candidate).
    func hits(in scalars: [Unicode.Scalar]) -> [RegionHit] {
        var hits: [RegionHit] = []
        let matcher = table.matcher, candidateLists = table.candidates, isPlain = table.isPlain
        // Local copies: reading a trie through the table or a static costs a retain per array.
        let institutions = Self.institutionTrie, counties = table.contextualMatcher
        scalars.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let scalar = buffer[index]
                guard CharacterClass.isHan(scalar), let match = matcher.longestMatch(in: buffer, from: index) else {
                    index += 1
                    continue
                }
                let candidates = candidateLists[match.payload]
                if !candidates.isEmpty, accepts(buffer, start: index, end: match.end),
                   institutions.longestMatch(in: buffer, from: match.end) == nil {
                    hits.append(RegionHit(
                        start: index, end: match.end, candidates: candidates, code: candidates[0], isLocative: false,
                        isPlain: isPlain[match.payload]))
                    // GB/T 2260: a province's or prefecture's code ends in 00.
                    if candidates[0].hasSuffix("00"),
                       let county = countyNamedShort(after: candidates, in: buffer, at: match.end, counties: counties, institutions: institutions) {
                        hits.append(county)
                        index = county.end
                        continue
                    }
                }
                index = match.end
            }
        }
        return hits
    }

    /// A county written without its suffix right after its province or prefecture (浙江义乌 →
    /// 义乌市, 金华义乌), not starting a street's or an institution's name.
    private func countyNamedShort(
        after parents: [String], in buffer: UnsafeBufferPointer<Unicode.Scalar>, at start: Int, counties: WordTrie, institutions: WordTrie
    ) -> RegionHit? {
        guard let match = counties.longestMatch(in: buffer, from: start),
              institutions.longestMatch(in: buffer, from: match.end) == nil else { return nil }
        let inside = table.contextualCandidates[match.payload].filter { code in
            let ancestors = table.ancestorCodes(of: code)
            return parents.contains { ancestors.contains($0) }
        }
        guard inside.count == 1 else { return nil }
        return RegionHit(start: start, end: match.end, candidates: inside, code: inside[0], isLocative: false, isPlain: true)
    }

    /// Words after a division's name that make it the name of something else: a street (X路,
    /// X大街), a police station named after a place (X派出所), an outlet (X新闻网, X日报).
    static let institutionWords = ["路", "大街", "大道", "派出所", "新闻网", "日报", "晚报", "电视台", "广播电视台"]
    static let institutionTrie = WordTrie(words: institutionWords)

    /// Guards for two-character names (和县, 易县): not after a conjunction or level word (市和县).
    private func accepts(_ buffer: UnsafeBufferPointer<Unicode.Scalar>, start: Int, end: Int) -> Bool {
        guard end - start == 2, start > 0 else { return true }
        // 模范县市, 各旗县区: a division word followed by another is the compound 县市 (counties and
        // cities), not a two-character name ending in 县.
        if end + 1 < buffer.count, Self.divisionWords.contains(buffer[end - 1]),
           Self.divisionWords.contains(buffer[end]) && buffer[end + 1] != "域" || buffer[end] == "级" {
            return false
        }
        switch buffer[start - 1] {
        case "和", "与", "及", "或", "全", "各", "该", "本", "每", "市", "州", "省", "区", "乡", "镇", "村", "两", "三", "四":
            return false
        default:
            return true
        }
    }

    /// Characters that end a division's name and also make compounds of divisions (县市, 旗县区).
    static let divisionWords: Set<Unicode.Scalar> = ["县", "市", "区", "旗", "盟"]

    /// Resolves ambiguous hits from the unambiguous ones and marks locative lists (…等地).
    func resolve(_ hits: inout [RegionHit], titleHits: inout [RegionHit], text: ArticleText) {
        // Plain hits already hold their code; only ambiguous or generic-sounding ones need context.
        if !hits.allSatisfy(\.isPlain) || !titleHits.allSatisfy(\.isPlain) {
            resolveAmbiguous(&hits, titleHits: &titleHits)
        }
        markLocative(&hits, text: text)
    }

    /// Chooses a code for each ambiguous hit and drops generic-sounding ones without context.
    private func resolveAmbiguous(_ hits: inout [RegionHit], titleHits: inout [RegionHit]) {
        var context: Set<String> = []
        var seen: Set<String> = []
        for hit in hits + titleHits where hit.candidates.count == 1 && !table.genericSoundingCodes.contains(hit.candidates[0]) {
            guard seen.insert(hit.candidates[0]).inserted else { continue }
            context.insert(hit.candidates[0])
            for ancestor in table.ancestorCodes(of: hit.candidates[0]) { context.insert(ancestor) }
        }
        let home = table.homeProvince
        func choose(_ candidates: [String]) -> String {
            if candidates.count == 1 { return candidates[0] }
            // Deepest shared ancestor wins: a named prefecture beats a named province.
            var best: (code: String, score: Int)?
            for code in candidates {
                var score = 0
                for (depth, ancestor) in table.ancestorCodes(of: code).enumerated() where context.contains(ancestor) {
                    score = max(score, 10 - depth)
                }
                if score == 0, let home, table.province(of: code)?.code == home { score = 1 }
                if best == nil || score > best!.score { best = (code, score) }
            }
            return best!.code
        }
        // A name that reads as a common phrase (老城区, 城关区) counts only where the article names
        // its province or prefecture, or it lies in the home province.
        func plausible(_ candidates: [String]) -> [String] {
            guard candidates.contains(where: table.genericSoundingCodes.contains) else { return candidates }
            return candidates.filter { code in
                table.ancestorCodes(of: code).contains(where: context.contains) || table.province(of: code)?.code == home
            }
        }
        for index in hits.indices {
            hits[index].candidates = plausible(hits[index].candidates)
            hits[index].code = hits[index].candidates.isEmpty ? "" : choose(hits[index].candidates)
        }
        for index in titleHits.indices {
            titleHits[index].candidates = plausible(titleHits[index].candidates)
            titleHits[index].code = titleHits[index].candidates.isEmpty ? "" : choose(titleHits[index].candidates)
        }
        hits.removeAll { $0.candidates.isEmpty }
        titleHits.removeAll { $0.candidates.isEmpty }
    }

    /// …等地: every hit in the list before it is a place, not an actor.
    private func markLocative(_ hits: inout [RegionHit], text: ArticleText) {
        var index = 0
        while index < hits.count {
            var last = index
            while last + 1 < hits.count, isListGap(text, from: hits[last].end, to: hits[last + 1].start) { last += 1 }
            if text.has("等地", at: hits[last].end) || text.has("等", at: hits[last].end) && text.has("地", at: hits[last].end + 1) {
                for member in index...last { hits[member].isLocative = true }
            }
            index = last + 1
        }
    }

    /// Whether the text between two hits only separates items of a list (、，和 or nothing).
    private func isListGap(_ text: ArticleText, from: Int, to: Int) -> Bool {
        guard to >= from, to - from <= 3 else { return false }
        for offset in from..<to {
            switch text[offset] {
            case "、", "，", ",", "和", "及": continue
            default:
                // 山东省聊城市,内蒙古呼和浩特市: a province before its city is part of the item.
                return false
            }
        }
        return true
    }

    /// The article's regions ranked by salience: title mentions, count, specificity, first position.
    func ranked(hits: [RegionHit], titleHits: [RegionHit]) -> [RegionMention] {
        struct Tally {
            var mentions = 0, title = 0, first = Int.max, childMentions = 0
            mutating func count(at start: Int) {
                mentions += 1
                first = min(first, start)
            }
            mutating func countInTitle() {
                title += 1
                first = min(first, -1)
            }
        }
        var tallies: [String: Tally] = [:]
        for hit in hits { tallies[hit.code, default: Tally()].count(at: hit.start) }
        for hit in titleHits { tallies[hit.code, default: Tally()].countInTitle() }
        // Gathered first: changing the dictionary while iterating it would copy it.
        var childCounts: [(ancestor: String, count: Int)] = []
        for (code, tally) in tallies {
            for ancestor in table.ancestorCodes(of: code) where tallies[ancestor] != nil {
                childCounts.append((ancestor, tally.mentions + tally.title))
            }
        }
        for (ancestor, count) in childCounts { tallies[ancestor]!.childMentions += count }
        func score(_ code: String, _ tally: Tally) -> Double {
            var value = Double(tally.mentions) + 3 * Double(tally.title) + 0.5 * Double(tally.childMentions)
            // A province is background for a local article: halve it.
            if table.region(code: code)?.level == .province { value *= 0.5 }
            return value
        }
        // Scores once per region, not once per comparison.
        let scored = tallies.map { (code: $0.key, tally: $0.value, score: score($0.key, $0.value)) }
        let ordered = scored.sorted { left, right in
            if left.score != right.score { return left.score > right.score }
            if left.tally.first != right.tally.first { return left.tally.first < right.tally.first }
            return left.code < right.code
        }
        return ordered.compactMap { code, tally, _ in
            guard let region = table.region(code: code) else { return nil }
            return RegionMention(
                name: region.name, code: region.code, level: region.level,
                prefecture: table.prefecture(of: code)?.ref, mentions: tally.mentions + tally.title)
        }
    }
}
