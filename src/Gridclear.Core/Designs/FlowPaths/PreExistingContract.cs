using Gridclear.Market;

namespace Gridclear.Designs.FlowPaths;

/// <summary>A pre-existing transmission contract to convert into path rights (001 B, P7): <see cref="Mw"/> from
/// <see cref="Source"/> to <see cref="Sink"/> (bus numbers), held by <see cref="Holder"/>.</summary>
public sealed record PreExistingContract(string Id, string Holder, int Source, int Sink, double Mw)
{
    public string Id { get; } = InputChecks.Id(Id, "contract id");

    public string Holder { get; } = InputChecks.Id(Holder, $"holder of contract {Id}");

    public int Sink { get; } = Sink != Source ? Sink : throw new ArgumentException($"contract {Id}: source and sink are the same bus {Source}");

    public double Mw { get; } = InputChecks.Positive(Mw, $"mw of contract {Id}");

    /// <summary>The contract as its holder's own balanced schedule (the holder as its own scheduling coordinator).</summary>
    public Schedule AsSchedule() => new(Id, Holder, true, [new ScheduleLeg(Source, Mw), new ScheduleLeg(Sink, -Mw)]);
}
