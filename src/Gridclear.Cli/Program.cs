using Gridclear.Cli;

#if GRIDCLEAR_AOT
// The one-shot CLI (the market service stays on the JIT build): the collector's next regions in huge pages.
var hugePages = HugePageHeap.Prepare();
#else
var hugePages = false;
#endif

var exitCode = CommandRunner.Invoke(Verbs.Root(), args);
if (Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1")
{
    // What the run cost the garbage collector (BENCHMARKS.md: on this machine a fresh page costs more than its use).
    Console.Error.WriteLine(
        $"gc: {GC.GetTotalAllocatedBytes() / (1024.0 * 1024):0.0} MiB allocated; collections: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; pause {GC.GetTotalPauseDuration().TotalMilliseconds:0.0} ms; huge pages {(hugePages ? "prepared" : "not prepared")}");
}

return exitCode;
