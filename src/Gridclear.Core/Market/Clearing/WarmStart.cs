using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>What one interval's clearing hands the next on the same security model: the security rows it needed
/// (in the order they were added) and the basis it ended on (null after a barrier solve).</summary>
internal sealed record WarmStart(IReadOnlyList<ConstraintKey> Constraints, (BasisStatus[] Columns, BasisStatus[] Rows)? Basis);
