namespace Gridclear.IO.Matpower;

/// <summary>
/// The large matrices of a case file, parsed on the thread pool as the scan of the statements delimits them: a worker
/// starts on the bus matrix while the scan goes on to the branch matrix, and the scanning thread joins in when it is
/// done. Each matrix is parsed alone from its own text, so which thread parses it changes nothing.
/// </summary>
internal sealed unsafe class DeferredMatrices
{
    private readonly byte* _text;
    private readonly int _length;
    private readonly string _source;
    private readonly List<Deferred> _items = [];
    private readonly List<Task> _workers = [];
    private readonly Lock _lock = new();
    private int _running;

    /// <param name="text">The file's bytes, pinned or mapped by the caller until <see cref="Finish"/> returns.</param>
    public DeferredMatrices(byte* text, int length, string source)
    {
        _text = text;
        _length = length;
        _source = source;
    }

    /// <summary>Field, assignment line, first byte, its line, bytes of text; the matrix or the error once parsed.</summary>
    private sealed record Deferred(string Field, int Line, int Start, int StartLine, int Bytes)
    {
        public bool Claimed { get; set; }

        public MatpowerMatrix? Matrix { get; set; }

        public bool Failed { get; set; }
    }

    /// <summary>Queues a delimited matrix and wakes a worker when fewer than the other cores are busy.</summary>
    public void Add(string field, int line, int start, int startLine, int bytes)
    {
        lock (_lock)
        {
            _items.Add(new Deferred(field, line, start, startLine, bytes));
            if (_running < Environment.ProcessorCount - 1)
            {
                _running++;
                _workers.Add(Task.Run(() => Work(worker: true)));
            }
        }
    }

    /// <summary>
    /// After the scan (or its failure): the calling thread parses what is left, then waits for the workers. Null when a
    /// matrix did not parse (the caller reads the file again in order for the error a plain reading reports first);
    /// otherwise the matrices by field, in the order they were queued.
    /// </summary>
    public IReadOnlyList<(string Field, MatpowerMatrix Matrix)>? Finish()
    {
        try
        {
            Work(worker: false);
        }
        finally
        {
            // The workers read the caller's text: none may outlive this call.
            Task[] workers;
            lock (_lock)
            {
                workers = [.. _workers];
            }

            Task.WaitAll(workers);
        }

        return _items.Any(d => d.Failed) ? null : _items.Select(d => (d.Field, d.Matrix!)).ToList();
    }

    private void Work(bool worker)
    {
        while (Claim(worker) is { } item)
        {
            try
            {
                var part = MatpowerScanner.At(new ReadOnlySpan<byte>(_text, _length), _source, item.Start, item.StartLine);
                item.Matrix = part.ReadMatrix(item.Field, item.Line);
            }
            catch (InvalidInputException)
            {
                item.Failed = true;
            }
        }
    }

    // The largest matrix not yet taken (the branch matrix is about half the text: taken last, it would leave the other
    // core idle); null when none is left, and a worker then stops until the next Add.
    private Deferred? Claim(bool worker)
    {
        lock (_lock)
        {
            Deferred? best = null;
            foreach (var item in _items)
            {
                if (!item.Claimed && (best is null || item.Bytes > best.Bytes))
                {
                    best = item;
                }
            }

            if (best is not null)
            {
                best.Claimed = true;
            }
            else if (worker)
            {
                _running--;
            }

            return best;
        }
    }
}
