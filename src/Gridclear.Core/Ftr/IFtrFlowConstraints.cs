using Gridclear.Flows;

namespace Gridclear.Ftr;

/// <summary>
/// Constraints that can say what they are made of, so the auction can write them over bus angles instead of shift
/// factors: constraint i's activity a·q equals Σ weight·(DC flow of branch) + Σ coefficient·(net injection at bus),
/// the branch flows being base·b·(θf − θt) of the network's angles for injections q (phase shifts left out, as
/// <see cref="IFtrConstraints.Limits"/> already leaves them out).
/// </summary>
public interface IFtrFlowConstraints : IFtrConstraints
{
    Network.Network Network { get; }

    /// <summary>Where the shift factors withdraw injections: bus prices are quoted against it.</summary>
    SlackDistribution Slack { get; }

    /// <summary>The branch-flow and bus-injection terms of one constraint (internal indices; repeats allowed).</summary>
    FtrFlowTerms Terms(int constraint);
}

/// <summary>A constraint as Σ weight·flow(branch) + Σ coefficient·injection(bus).</summary>
public sealed record FtrFlowTerms(IReadOnlyList<(int Branch, double Weight)> Flows, IReadOnlyList<(int Bus, double Coefficient)> Injections);
