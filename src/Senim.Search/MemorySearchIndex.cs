namespace Senim.Search;

/// <summary>
/// An inverted index in the process's memory: every term of every document (folded words and their stems, keys, facets)
/// with the documents that have it. A query word matches a document that has the word, one of its stems, a word it begins
/// (two letters or more), or, for words of five letters or more, a word one edit away; every word of a query (and every
/// key and facet) must match. Ranking adds, per query word, the best match's quality times the field's weight.
/// </summary>
/// <remarks>
/// Searches share a read lock and writes take the write lock, so a search sees whole writes only. A replaced or removed
/// document keeps its postings until enough are dead to compact them; searches skip them by a flag.
/// </remarks>
public sealed class MemorySearchIndex : ISearchIndex, IDisposable
{
    private const char FacetMark = '\u0001';
    private const char KeyMark = '\u0002';
    private const float ExactQuality = 1f;
    private const float StemQuality = 0.85f;
    private const float PrefixQuality = 0.6f;
    private const float TypoQuality = 0.5f;
    private const float FilterQuality = 1e-6f;
    private const int MaxPrefixTerms = 256;
    private const int MaxUnsortedTerms = 512;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, int> docById = [];
    private readonly List<Guid> idByDoc = [];
    private bool[] alive = new bool[1024];
    private int deadCount;

    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<Postings> postings = [];
    private string[] sortedTerms = [];
    private readonly List<string> unsortedTerms = [];
    private readonly Dictionary<ulong, List<int>> typoNeighbours = [];
    private readonly HashSet<int> typoIndexed = [];
    private readonly List<string> terms = [];
    private readonly List<bool> wholeWord = [];

    [ThreadStatic]
    private static Scratch? scratch;

    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return docById.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    public void Upsert(IEnumerable<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);

        // Analysis runs outside the lock (on every core for a big batch): only the postings change under it.
        var list = documents as IReadOnlyList<SearchDocument> ?? [.. documents];
        var analysed = list.Count < 256
            ? list.Select(d => (d.Id, Terms: Analyse(d))).ToList()
            : list.AsParallel().AsOrdered().Select(d => (d.Id, Terms: Analyse(d))).ToList();
        gate.EnterWriteLock();
        try
        {
            foreach (var (id, docTerms) in analysed)
            {
                RemoveLocked(id);
                var doc = idByDoc.Count;
                idByDoc.Add(id);
                if (doc >= alive.Length)
                {
                    Array.Resize(ref alive, alive.Length * 2);
                }

                alive[doc] = true;
                docById[id] = doc;
                foreach (var (term, (weight, isWord)) in docTerms)
                {
                    var termId = TermId(term);
                    postings[termId].Add(doc, weight);
                    wholeWord[termId] |= isWord;
                    if (term.Length >= (isWord ? TextAnalysis.MinStemLength : TextAnalysis.MinTypoLength) && term[0] is not (FacetMark or KeyMark) && typoIndexed.Add(termId))
                    {
                        AddTypoNeighbours(term, termId);
                    }
                }
            }

            if (unsortedTerms.Count > MaxUnsortedTerms)
            {
                MergeTerms();
            }

            CompactIfMostlyDead();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public void Remove(IEnumerable<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        gate.EnterWriteLock();
        try
        {
            foreach (var id in ids)
            {
                RemoveLocked(id);
            }

            CompactIfMostlyDead();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public SearchResult Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = AnalyzedQuery.Parse(request.Text);
        if (query.IsEmpty)
        {
            return SearchResult.Empty;
        }

        var skip = Math.Clamp(request.Skip, 0, SearchRequest.MaxDepth);
        var take = Math.Clamp(request.Take, 0, SearchRequest.MaxDepth - skip);
        gate.EnterReadLock();
        try
        {
            var clauses = Clauses(query, request.Facets);
            return clauses is null ? new SearchResult([], 0, false) : Run(clauses, skip, take);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>The terms of a document with the weight of the best field each occurs in, and whether it is a whole word.</summary>
    private static Dictionary<string, (byte Weight, bool IsWord)> Analyse(SearchDocument document)
    {
        var result = new Dictionary<string, (byte Weight, bool IsWord)>(StringComparer.Ordinal);
        void Add(string term, byte weight, bool isWord)
        {
            if (result.TryGetValue(term, out var had))
            {
                result[term] = (Math.Max(had.Weight, weight), had.IsWord || isWord);
            }
            else
            {
                result[term] = (weight, isWord);
            }
        }

        foreach (var field in document.Fields)
        {
            var weight = (byte)field.Kind;
            foreach (var word in TextAnalysis.Words(field.Text))
            {
                var folded = TextAnalysis.Fold(word);
                if (folded.Length == 0)
                {
                    continue;
                }

                var stems = TextAnalysis.Stems(folded);
                for (var i = 0; i < stems.Count; i++)
                {
                    Add(stems[i], weight, i == 0);
                }
            }
        }

        foreach (var key in document.Keys ?? [])
        {
            var normal = TextAnalysis.Key(key);
            if (normal.Length > 0)
            {
                Add(KeyMark + normal, (byte)SearchFieldKind.Name, false);
            }
        }

        foreach (var facet in document.Facets ?? [])
        {
            Add(FacetMark + facet, 0, false);
        }

        return result;
    }

    /// <summary>One list of (term, quality) per condition of the query; null when a condition matches nothing.</summary>
    private List<List<(int Term, float Quality)>>? Clauses(AnalyzedQuery query, IReadOnlyList<string>? facets)
    {
        var clauses = new List<List<(int Term, float Quality)>>();
        foreach (var facet in facets ?? [])
        {
            if (!termIds.TryGetValue(FacetMark + facet, out var facetTerm))
            {
                return null;
            }

            clauses.Add([(facetTerm, FilterQuality)]);
        }

        // The whole query is a key (a register number, a BIN): that document, and only by its key.
        if (query.WholeKey.Length > 0 && termIds.TryGetValue(KeyMark + query.WholeKey, out var wholeKey))
        {
            clauses.Add([(wholeKey, ExactQuality)]);
            return clauses;
        }

        foreach (var bin in query.Bins)
        {
            if (!termIds.TryGetValue(KeyMark + bin, out var binTerm) && !termIds.TryGetValue(bin, out binTerm))
            {
                return null;
            }

            clauses.Add([(binTerm, ExactQuality)]);
        }

        foreach (var word in query.Words)
        {
            var candidates = new Dictionary<int, float>();
            void Offer(int term, float quality)
            {
                if (!candidates.TryGetValue(term, out var had) || had < quality)
                {
                    candidates[term] = quality;
                }
            }

            if (termIds.TryGetValue(word.Folded, out var exact))
            {
                Offer(exact, ExactQuality);
            }

            foreach (var stem in word.Stems)
            {
                if (termIds.TryGetValue(stem, out var stemTerm))
                {
                    Offer(stemTerm, StemQuality);
                }
            }

            if (word.Folded.Length >= 2)
            {
                foreach (var term in PrefixTerms(word.Folded))
                {
                    Offer(term, PrefixQuality);
                }
            }

            if (word.TypoTolerant)
            {
                // The word as typed against the index's words and stems: a typo in a stem of the query would compound two
                // guesses («автобус» → avtob → avtom, «автоматы»).
                foreach (var term in TypoTerms(word.Folded))
                {
                    Offer(term, TypoQuality);
                }
            }

            if (candidates.Count == 0)
            {
                return null;
            }

            clauses.Add([.. candidates.Select(c => (c.Key, c.Value))]);
        }

        return clauses;
    }

    private SearchResult Run(List<List<(int Term, float Quality)>> clauses, int skip, int take)
    {
        // Rarest condition first: later conditions only look at documents every earlier one matched.
        clauses.Sort((a, b) => Cost(a).CompareTo(Cost(b)));
        var s = scratch ??= new Scratch();
        s.Ensure(idByDoc.Count);
        var best = s.Best;
        var score = s.Score;
        var matched = s.Matched;
        var candidates = s.Candidates;
        var touched = s.Touched;
        candidates.Clear();
        try
        {
            for (var c = 0; c < clauses.Count; c++)
            {
                touched.Clear();
                foreach (var (term, quality) in clauses[c])
                {
                    var list = postings[term];
                    var docs = list.Docs;
                    var weights = list.Weights;
                    for (var i = 0; i < list.Count; i++)
                    {
                        var doc = docs[i];
                        if (matched[doc] != c || !alive[doc])
                        {
                            continue;
                        }

                        var value = quality * Math.Max(weights[i], (byte)1);
                        if (best[doc] == 0)
                        {
                            touched.Add(doc);
                        }

                        if (value > best[doc])
                        {
                            best[doc] = value;
                        }
                    }
                }

                foreach (var doc in touched)
                {
                    matched[doc] = (byte)(c + 1);
                    score[doc] += best[doc];
                    best[doc] = 0;
                    if (c == 0)
                    {
                        candidates.Add(doc);
                    }
                }
            }

            // The top skip + take by score, earlier documents first among equals, through a bounded min-heap.
            var want = skip + take;
            var heap = new PriorityQueue<int, (float Score, int Doc)>(want + 1, HeapOrder.Instance);
            var count = 0;
            foreach (var doc in candidates)
            {
                if (matched[doc] != clauses.Count)
                {
                    continue;
                }

                count++;
                if (want == 0)
                {
                    continue;
                }

                if (heap.Count < want)
                {
                    heap.Enqueue(doc, (score[doc], doc));
                }
                else if (heap.TryPeek(out _, out var worst) && (score[doc] > worst.Score || (score[doc] == worst.Score && doc < worst.Doc)))
                {
                    heap.DequeueEnqueue(doc, (score[doc], doc));
                }
            }

            var ranked = new SearchHit[heap.Count];
            for (var i = ranked.Length - 1; i >= 0; i--)
            {
                heap.TryDequeue(out var doc, out var key);
                ranked[i] = new SearchHit(idByDoc[doc], key.Score);
            }

            var page = skip >= ranked.Length ? [] : ranked[skip..];
            return new SearchResult(page, Math.Min(count, SearchResult.CountCap), count > SearchResult.CountCap);
        }
        finally
        {
            foreach (var doc in candidates)
            {
                matched[doc] = 0;
                score[doc] = 0;
            }

            // A clause with no candidate left may have touched documents outside the candidate list only in clause 0.
            foreach (var doc in touched)
            {
                best[doc] = 0;
            }
        }
    }

    private long Cost(List<(int Term, float Quality)> clause)
    {
        long cost = 0;
        foreach (var (term, _) in clause)
        {
            cost += postings[term].Count;
        }

        return cost;
    }

    /// <summary>Whole words (not stems: a stem is matched exactly) that begin with <paramref name="prefix"/>, at most <see cref="MaxPrefixTerms"/>.</summary>
    private IEnumerable<int> PrefixTerms(string prefix)
    {
        var found = 0;
        var at = Array.BinarySearch(sortedTerms, prefix, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at; i < sortedTerms.Length && found < MaxPrefixTerms && sortedTerms[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var term = termIds[sortedTerms[i]];
            if (wholeWord[term])
            {
                found++;
                yield return term;
            }
        }

        foreach (var text in unsortedTerms)
        {
            if (found < MaxPrefixTerms && text.StartsWith(prefix, StringComparison.Ordinal) && wholeWord[termIds[text]])
            {
                found++;
                yield return termIds[text];
            }
        }
    }

    private IEnumerable<int> TypoTerms(string word)
    {
        var seen = new HashSet<int>();
        for (var skip = -1; skip < word.Length; skip++)
        {
            if (!typoNeighbours.TryGetValue(Hash(word, skip), out var list))
            {
                continue;
            }

            foreach (var term in list)
            {
                if (seen.Add(term) && WithinOneEdit(word, terms[term]))
                {
                    yield return term;
                }
            }
        }
    }

    /// <summary>Optimal string alignment distance at most one: one insertion, deletion, substitution or swap of neighbours.</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        if (a.Length == b.Length)
        {
            if (start == a.Length)
            {
                return true;
            }

            var rest = start + 1;
            if (a.AsSpan(rest).SequenceEqual(b.AsSpan(rest)))
            {
                return true;
            }

            return rest < a.Length && a[start] == b[rest] && a[rest] == b[start] && a.AsSpan(rest + 1).SequenceEqual(b.AsSpan(rest + 1));
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(start + 1).SequenceEqual(shorter.AsSpan(start));
    }

    private void AddTypoNeighbours(string term, int termId)
    {
        for (var skip = -1; skip < term.Length; skip++)
        {
            var hash = Hash(term, skip);
            if (!typoNeighbours.TryGetValue(hash, out var list))
            {
                typoNeighbours[hash] = list = new List<int>(1);
            }

            if (list.Count == 0 || list[^1] != termId)
            {
                list.Add(termId);
            }
        }
    }

    /// <summary>FNV-1a of the term without the character at <paramref name="skip"/> (-1: the whole term). Collisions only cost a distance check.</summary>
    private static ulong Hash(string term, int skip)
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < term.Length; i++)
        {
            if (i == skip)
            {
                continue;
            }

            hash = (hash ^ term[i]) * 1099511628211UL;
        }

        return hash;
    }

    private int TermId(string term)
    {
        if (termIds.TryGetValue(term, out var id))
        {
            return id;
        }

        id = postings.Count;
        termIds[term] = id;
        terms.Add(term);
        wholeWord.Add(false);
        postings.Add(new Postings());
        if (term[0] is not (FacetMark or KeyMark))
        {
            unsortedTerms.Add(term);
        }

        return id;
    }

    private void MergeTerms()
    {
        var merged = new string[sortedTerms.Length + unsortedTerms.Count];
        sortedTerms.CopyTo(merged, 0);
        unsortedTerms.CopyTo(merged, sortedTerms.Length);
        Array.Sort(merged, StringComparer.Ordinal);
        sortedTerms = merged;
        unsortedTerms.Clear();
    }

    private void RemoveLocked(Guid id)
    {
        if (docById.Remove(id, out var doc))
        {
            alive[doc] = false;
            deadCount++;
        }
    }

    private void CompactIfMostlyDead()
    {
        if (deadCount < 10_000 || deadCount < docById.Count)
        {
            return;
        }

        foreach (var list in postings)
        {
            list.RemoveWhere(doc => !alive[doc]);
        }

        deadCount = 0;
    }

    private sealed class Postings
    {
        public int[] Docs = new int[2];
        public byte[] Weights = new byte[2];
        public int Count;

        public void Add(int doc, byte weight)
        {
            if (Count == Docs.Length)
            {
                Array.Resize(ref Docs, Count * 2);
                Array.Resize(ref Weights, Count * 2);
            }

            Docs[Count] = doc;
            Weights[Count] = weight;
            Count++;
        }

        public void RemoveWhere(Func<int, bool> dead)
        {
            var kept = 0;
            for (var i = 0; i < Count; i++)
            {
                if (!dead(Docs[i]))
                {
                    Docs[kept] = Docs[i];
                    Weights[kept] = Weights[i];
                    kept++;
                }
            }

            Count = kept;
        }
    }

    /// <summary>Per-thread work arrays, one slot per document number, all zero between searches.</summary>
    private sealed class Scratch
    {
        public float[] Best = [];
        public float[] Score = [];
        public byte[] Matched = [];
        public List<int> Candidates { get; } = [];
        public List<int> Touched { get; } = [];

        public void Ensure(int documents)
        {
            if (Best.Length >= documents)
            {
                return;
            }

            var size = Math.Max(documents, Best.Length * 2);
            Best = new float[size];
            Score = new float[size];
            Matched = new byte[size];
        }
    }

    /// <summary>Min-heap order: the worst kept result (lowest score, then latest document) leaves first.</summary>
    private sealed class HeapOrder : IComparer<(float Score, int Doc)>
    {
        public static readonly HeapOrder Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Doc.CompareTo(x.Doc);
        }
    }
}
