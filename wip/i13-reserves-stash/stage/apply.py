import shutil, os
W='/work/wt/i13-reserves/'
S='/tmp/i13/stage/'
shutil.copy(S+'Reserves.cs', W+'src/Gridclear.Core/Market/Input/Reserves.cs')
shutil.copy(S+'ReserveResult.cs', W+'src/Gridclear.Core/Market/Clearing/ReserveResult.cs')
shutil.copy(S+'ReserveProblem.cs', W+'src/Gridclear.Core/Market/Clearing/ReserveProblem.cs')
shutil.copy(S+'ReserveSettlement.cs', W+'src/Gridclear.Core/Settlement/ReserveSettlement.cs')
shutil.copy(S+'MarketFolderReader.Reserves.cs', W+'src/Gridclear.IO/Market/MarketFolderReader.Reserves.cs')
def edit(path, old, new, count=1):
    p=W+path; s=open(p).read()
    assert old in s, (path, old[:60])
    s=s.replace(old,new,count); open(p,'w').write(s)

edit('src/Gridclear.Core/Market/Input/MarketInput.cs', """    /// <summary>A market with nothing in it: the MATPOWER case clears as a DC OPF.</summary>""", """    /// <summary>The reserve market (reserve_requirements.csv, reserve_offers.csv, reserve_self.csv); empty: energy only.</summary>
    public ReserveMarket Reserves { get; init; } = ReserveMarket.Empty;

    /// <summary>A market with nothing in it: the MATPOWER case clears as a DC OPF.</summary>""")
edit('src/Gridclear.Core/Market/Clearing/DispatchProblem.cs', """    /// <summary>Adds one row to <see cref="Problem"/> only""", """    /// <summary>Adds a column to <see cref="Problem"/> before the model is loaded (reserves); returns its index.</summary>
    public int AddColumn(double lower, double upper, double cost)
    {
        Problem.AddColumn(lower, upper, cost);
        return _columnCount++;
    }

    /// <summary>Adds one row to <see cref="Problem"/> only""")
edit('src/Gridclear.Core/Market/Clearing/DayAheadMarket.cs', """        var losses = options.Losses == LossModel.Marginal ? new MarginalLosses(security, problem) : null;""", """        var losses = options.Losses == LossModel.Marginal ? new MarginalLosses(security, problem) : null;
        var reserves = ReserveProblem.Add(problem, participation, input);""")
edit('src/Gridclear.Core/Market/Clearing/DayAheadMarket.cs', """        return (result with
        {
            Losses = losses?.Summary(),""", """        var reserveResult = reserves?.Result(participation, solution);
        return (result with
        {
            Reserves = reserveResult,
            Objective = result.Objective + (reserveResult is null ? 0 : reserveResult.OfferCost - reserveResult.DemandValue),
            Losses = losses?.Summary(),""")
edit('src/Gridclear.Core/Market/Clearing/DayAheadResult.cs', """    public LossSummary? Losses { get; init; }""", """    public LossSummary? Losses { get; init; }

    /// <summary>Reserve prices and awards (reserve_requirements.csv / reserve_offers.csv), or null without reserves.
    /// <see cref="Objective"/> then includes reserve offers less the value of the requirements bought.</summary>
    public ReserveResult? Reserves { get; init; }""")
edit('src/Gridclear.IO/Csv/InputFiles.cs', """    public static readonly CsvSchema Caps = Market("caps.csv", ["market", "service", "cap"]);""", """    public static readonly CsvSchema ReserveSelf = Market("reserve_self.csv", ["participant", "product", "zone", "mw"]);
    public static readonly CsvSchema Caps = Market("caps.csv", ["market", "service", "cap"]);""")
edit('src/Gridclear.IO/Csv/InputFiles.cs', """ReserveRequirements, ReserveOffers, Caps,""", """ReserveRequirements, ReserveOffers, ReserveSelf, Caps,""")
edit('src/Gridclear.IO/Market/MarketFolderReader.cs', """        var contingencies = ReadContingencies(folder);
""", """        var contingencies = ReadContingencies(folder);
        var reserves = ReadReserves(folder, participation, zones);
""")
edit('src/Gridclear.IO/Market/MarketFolderReader.cs', """                contingencies,
                portfolios);""", """                contingencies,
                portfolios) { Reserves = reserves };""")
edit('src/Gridclear.Cli/Runs/DayAheadRun.cs', """                ExtraLines = ftrs is null ? [] : FtrStatementLines.Of(ftrs),""", """                ExtraLines = ftrs is null ? [] : FtrStatementLines.Of(ftrs),
            };
            settlementInput = settlementInput with
            {
                ExtraLines = result.Reserves is { } reserves
                    ? [.. settlementInput.ExtraLines, .. ReserveSettlement.Lines(reserves, settlementInput, input.Reserves)]
                    : settlementInput.ExtraLines,""")
edit('src/Gridclear.IO/Results/DayAheadWriter.cs', """        File.WriteAllText(Path.Combine(directory, "summary.json")""", """        if (result.Reserves is { } reserves)
        {
            WriteFile(
                Path.Combine(directory, "reserve_prices.csv"),
                "product,zone,price,cleared_mw,supplier_price,self_mw",
                reserves.Prices.Select(p => $"{Text(p.Product)},{Text(p.Zone)},{Number(p.Price)},{Number(p.ClearedMw)},{Number(p.SupplierPrice)},{Number(p.SelfMw)}"));
            WriteFile(
                Path.Combine(directory, "reserve_awards.csv"),
                "resource,product,zone,mw,price,bus,cost",
                reserves.Awards.Select(a => $"{Text(a.Resource)},{Text(a.Product)},{Text(a.Zone)},{Number(a.Mw)},{Number(a.Price)},{a.Bus},{Number(a.Cost)}"));
        }

        File.WriteAllText(Path.Combine(directory, "summary.json")""")
