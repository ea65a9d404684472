using System.CommandLine;
using System.Globalization;
using Gridclear.Ftr;
using Gridclear.IO.Ftr;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.IO.Mitigation;
using Gridclear.IO.Output;
using Gridclear.Market;
using Gridclear.Mitigation;
using Gridclear.Network;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear cfd-auction --case N.m [--market DIR] --offers FILE --bids FILE [--owners FILE] [--affiliates FILE]
/// --out OUT</c>: the auction of the CFDs and call options mitigated sellers must offer (M2), each instrument at a
/// uniform price, the proceeds credited against the transmission access charge by owner share (M4).
/// </summary>
internal static class CfdAuctionCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network (.m): instrument locations are its buses, or hubs and zones of the market folder.", Required = true };
        var market = new Option<string?>("--market") { Description = "A market folder: hubs.csv and zones.csv (locations), owners.csv (the transmission owners credited)." };
        var offers = new Option<string>("--offers") { Description = "Instruments sellers must offer: instrument,seller,location,mw,strike,kind [,term_start,term_end,reserve_price] (kind cfd|call_option).", Required = true };
        var bids = new Option<string>("--bids") { Description = "Bids: bid,bidder,instrument,mw,price ($/MW for the instrument's term).", Required = true };
        var owners = new Option<string?>("--owners") { Description = "owner,share: the transmission owners of the constrained region credited with the proceeds (default: owners.csv of the market folder)." };
        var affiliates = new Option<string?>("--affiliates") { Description = "participant,affiliate pairs: an affiliate of a seller may not buy its instruments." };
        var outDir = new Option<string>("--out") { Description = "Folder for cfds.csv (the awards, for clear's market folder), awards.csv, instruments.csv, access_charge_credit.csv, summary.json.", Required = true };
        var command = new Command("cfd-auction", "Auction the CFDs and call options mitigated sellers must offer; credit the proceeds against the transmission access charge.");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(offers);
        command.Options.Add(bids);
        command.Options.Add(owners);
        command.Options.Add(affiliates);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var marketDirectory = parse.GetValue(market);
            var network = NetworkCompiler.Compile(MatpowerReader.ReadFile(parse.GetValue(casePath)!)).Network;
            var input = marketDirectory is null ? MarketInput.Empty : MarketFolderReader.Read(marketDirectory, network);
            var ownersPath = parse.GetValue(owners);
            var credited = OwnersFileReader.Read(ownersPath, marketDirectory);
            if (credited.Count == 0)
            {
                // The proceeds are not the seller's and must be credited to someone: refuse before clearing.
                throw new InvalidInputException(OwnersFileReader.OwnersFile, null, "cfd-auction credits its proceeds to the transmission owners: give --owners FILE or an owners.csv in the --market folder");
            }

            var offered = CfdAuctionReader.ReadOffers(parse.GetValue(offers)!, network, input);
            var bidList = CfdAuctionReader.ReadBids(parse.GetValue(bids)!, offered, CfdAuctionReader.ReadAffiliates(parse.GetValue(affiliates)));
            var result = CfdAuction.Clear(offered, bidList);
            var credits = AccessChargeCredit.Allocate(result.Proceeds, credited);
            CfdAuctionWriter.Write(folder.Path, result, credits);
            folder.Commit();
            Print(result, output ?? Console.Out);
            return CommandRunner.Success;
        });
        return command;
    }

    private static void Print(CfdAuctionResult result, TextWriter writer)
    {
        var console = Consoles.For(writer);
        var table = new Table().Title("[bold]CFD auction[/]");
        table.AddColumn("Instrument");
        table.AddColumn("Seller");
        table.AddColumn(new TableColumn("Offered MW").RightAligned());
        table.AddColumn(new TableColumn("Sold MW").RightAligned());
        table.AddColumn(new TableColumn("Price, $/MW").RightAligned());
        table.AddColumn(new TableColumn("Proceeds, $").RightAligned());
        foreach (var i in result.Instruments)
        {
            table.AddRow(
                Markup.Escape(i.Offer.Instrument),
                Markup.Escape(i.Offer.Seller),
                i.Offer.Mw.ToString("N1", CultureInfo.InvariantCulture),
                i.SoldMw.ToString("N1", CultureInfo.InvariantCulture),
                i.Price.ToString("N2", CultureInfo.InvariantCulture),
                i.Proceeds.ToString("N2", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape($"Proceeds credited against the access charge: {result.Proceeds.ToString("N2", CultureInfo.InvariantCulture)} $"));
    }
}
