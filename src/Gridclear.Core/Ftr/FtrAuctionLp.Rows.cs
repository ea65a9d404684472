using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>
/// Rows leave the LP once they have been slack for <see cref="DropAfterSlackSolves"/> solves in a row: most rows
/// added for a violation at the awards of one round are slack a few rounds later (on case2383wp 800 of 2,000 at the
/// end), yet each costs the dual simplex at every iteration (an entry of every option that loads it, a row to
/// price). A slack row's slack is basic, so the basis of the rest stays a basis and the re-solve stays warm. A row
/// that left is checked again with every constraint after each solve and comes back when violated, for good (so
/// nothing cycles); the auction still ends only when no constraint is violated, at the full LP's optimum.
/// </summary>
internal sealed partial class FtrAuctionLp
{
    /// <summary>Solves in a row that a row must be slack before it leaves.</summary>
    private const int DropAfterSlackSolves = 2;

    /// <summary>MW within which a row's activity counts as at its bound (a binding row never leaves).</summary>
    private const double SlackMw = 1e-5;

    /// <summary>Counts, for every row, the solves in a row where it was slack at <paramref name="solution"/>, and
    /// returns the rows (indices into the rows added) slack long enough to leave. Call with the solution of the model's
    /// present rows, before any are added.</summary>
    public List<int> SlackRows(LpSolution solution)
    {
        var leaving = new List<int>();
        for (var r = 0; r < _rowKeys.Count; r++)
        {
            var i = _balanceCount + r;
            var activity = solution.RowActivity[i];
            var slack = solution.RowDual[i] == 0 && activity < UpperBound(r) - SlackMw && activity > LowerBound(r) + SlackMw;
            _slackSolves[r] = slack ? _slackSolves[r] + 1 : 0;
            if (slack && _slackSolves[r] >= DropAfterSlackSolves && !_droppedOnce.Contains(_rowKeys[r]))
            {
                leaving.Add(r);
            }
        }

        return leaving;
    }

    /// <summary>Takes rows <paramref name="leaving"/> (from <see cref="SlackRows"/>) out of the model and out of the
    /// record of rows; the rows registered since (not yet in the model) move down with the rest.</summary>
    public void DropRows(List<int> leaving, ILpModel model)
    {
        if (leaving.Count == 0)
        {
            return;
        }

        model.DeleteRows([.. leaving.Select(r => _balanceCount + r)]);
        var gone = new bool[_rowKeys.Count];
        foreach (var r in leaving)
        {
            gone[r] = true;
            _inModel.Remove(_rowKeys[r]);
            _droppedOnce.Add(_rowKeys[r]);
        }

        Compact(_rowKeys, gone);
        Compact(_baseLower, gone);
        Compact(_baseUpper, gone);
        Compact(_fixedLoad, gone);
        Compact(_negligible, gone);
        Compact(_slackSolves, gone);
    }

    private static void Compact<T>(List<T> list, bool[] gone)
    {
        var at = 0;
        for (var k = 0; k < list.Count; k++)
        {
            if (k >= gone.Length || !gone[k])
            {
                list[at++] = list[k];
            }
        }

        list.RemoveRange(at, list.Count - at);
    }
}
