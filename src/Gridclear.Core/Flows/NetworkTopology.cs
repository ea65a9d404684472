namespace Gridclear.Flows;

/// <summary>Graph facts about a network's in-service branches.</summary>
internal static class NetworkTopology
{
    /// <summary>
    /// Bridges: branches whose removal splits their island (Tarjan's low-link, iterative so deep radial feeders
    /// cannot overflow the stack). A branch with a parallel twin is never a bridge: edges are tracked by id.
    /// </summary>
    public static bool[] Bridges(Network.Network network)
    {
        var n = network.BusCount;
        var m = network.BranchCount;
        var start = new int[n + 1];
        foreach (var br in network.Branches)
        {
            start[br.From + 1]++;
            start[br.To + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        var adjBus = new int[2 * m];
        var adjEdge = new int[2 * m];
        var fill = (int[])start.Clone();
        for (var k = 0; k < m; k++)
        {
            var br = network.Branches[k];
            adjBus[fill[br.From]] = br.To;
            adjEdge[fill[br.From]++] = k;
            adjBus[fill[br.To]] = br.From;
            adjEdge[fill[br.To]++] = k;
        }

        var bridge = new bool[m];
        var order = new int[n];
        var low = new int[n];
        Array.Fill(order, -1);
        var parentEdge = new int[n];
        var cursor = new int[n];
        var stack = new Stack<int>();
        var counter = 0;
        for (var root = 0; root < n; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }

            order[root] = low[root] = counter++;
            parentEdge[root] = -1;
            cursor[root] = start[root];
            stack.Push(root);
            while (stack.Count > 0)
            {
                var v = stack.Peek();
                if (cursor[v] < start[v + 1])
                {
                    var slot = cursor[v]++;
                    var e = adjEdge[slot];
                    if (e == parentEdge[v])
                    {
                        continue;
                    }

                    var w = adjBus[slot];
                    if (order[w] < 0)
                    {
                        order[w] = low[w] = counter++;
                        parentEdge[w] = e;
                        cursor[w] = start[w];
                        stack.Push(w);
                    }
                    else
                    {
                        low[v] = Math.Min(low[v], order[w]);
                    }
                }
                else
                {
                    stack.Pop();
                    if (parentEdge[v] >= 0)
                    {
                        var br = network.Branches[parentEdge[v]];
                        var p = br.From == v ? br.To : br.From;
                        low[p] = Math.Min(low[p], low[v]);
                        if (low[v] > order[p])
                        {
                            bridge[parentEdge[v]] = true;
                        }
                    }
                }
            }
        }

        return bridge;
    }
}
