using System.Globalization;
using Gridclear.Service.Files;
using Gridclear.Service.Tests.Support;
using Microsoft.Playwright;

namespace Gridclear.Service.Tests;

/// <summary>
/// The web page in Debian's chromium (/usr/bin/chromium, launched by path: Playwright's own browser download is never
/// used), driven by Microsoft.Playwright over the cleared example market. Screenshots go to .artifacts/screenshots.
/// </summary>
[Collection(ClearedExampleCollection.Name)]
public sealed class BrowserTests(ClearedExample example, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_map_has_one_marker_per_bus_coloured_from_blue_to_red_by_price_and_binding_branches_marked()
    {
        var page = await Open();
        var markers = page.Locator("#map circle.bus");
        var lmp = CsvSource.Parse(await example.Host.Client().GetStringAsync($"/api/days/{ClearedExample.Day}/prices"), "lmp.csv", "bus", "lmp");
        Assert.Equal(lmp.Rows.Count, await markers.CountAsync());

        var dots = await page.EvalOnSelectorAllAsync<double[][]>(
            "#map circle.bus",
            "els => els.map(e => [Number(e.dataset.bus), Number(e.dataset.lmp), Number(/hsl\\(([-\\d.]+)/.exec(e.getAttribute('fill'))[1])])");
        var served = lmp.Rows.ToDictionary(r => r.Fields[CsvSource.Column(lmp, "bus")], r => double.Parse(r.Fields[CsvSource.Column(lmp, "lmp")], CultureInfo.InvariantCulture));
        Assert.Equal(served.Keys.Order(), dots.Select(d => d[0].ToString(CultureInfo.InvariantCulture)).Order());
        foreach (var d in dots)
        {
            Assert.Equal(served[d[0].ToString(CultureInfo.InvariantCulture)], d[1], 9);
        }

        // Colour order: the hue falls (blue 240 to red 0) as the price rises, strictly where prices differ.
        var sorted = dots.OrderBy(d => d[1]).ToList();
        var range = sorted[^1][1] - sorted[0][1];
        for (var i = 1; i < sorted.Count; i++)
        {
            Assert.True(sorted[i][2] <= sorted[i - 1][2] + 1e-9, $"bus {sorted[i][0]} at {sorted[i][1]} has hue {sorted[i][2]} above bus {sorted[i - 1][0]} at {sorted[i - 1][1]} ({sorted[i - 1][2]})");
            // The fill's hue has 3 decimals: prices 1e-4 of the range apart are 0.024 degrees apart, visibly ordered.
            if (sorted[i][1] > sorted[i - 1][1] + (1e-4 * range))
            {
                Assert.True(sorted[i][2] < sorted[i - 1][2]);
            }
        }

        Assert.Equal(240, sorted[0][2], 6);
        Assert.Equal(0, sorted[^1][2], 6);

        // The example's binding branches (15-17, 49-69, 94-100) are drawn highlighted.
        var binding = await page.EvalOnSelectorAllAsync<string[]>("#map line.binding", "els => els.map(e => e.dataset.branch)");
        Assert.Contains("15-17", binding);
        Assert.Contains("49-69", binding);
        Assert.Contains(await page.Locator("#constraints tbody tr").AllInnerTextsAsync(), r => r.StartsWith("15-17", StringComparison.Ordinal));
        Assert.Equal(3, await page.Locator("#zonal tbody tr").CountAsync());
        Assert.Equal(2, await page.Locator("#hubs tbody tr").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Artifacts("screenshots"), "map.png"), FullPage = true });
    }

    [Fact]
    public async Task Hovering_a_bus_shows_its_price_and_components()
    {
        var page = await Open();
        var bus17 = page.Locator("#map circle.bus[data-bus='17']");
        await bus17.HoverAsync();
        var tip = page.Locator("#tooltip");
        await tip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var text = await tip.InnerTextAsync();
        var lmp = CsvSource.Parse(await example.Host.Client().GetStringAsync($"/api/days/{ClearedExample.Day}/prices"), "lmp.csv", "bus");
        var row = lmp.Rows.Single(r => r.Fields[0] == "17");
        string Money(string column) => double.Parse(row.Fields[CsvSource.Column(lmp, column)], CultureInfo.InvariantCulture).ToString("F2", CultureInfo.InvariantCulture);
        Assert.Contains("Bus 17", text, StringComparison.Ordinal);
        Assert.Contains($"LMP {Money("lmp")}", text, StringComparison.Ordinal);
        Assert.Contains($"energy {Money("energy")}", text, StringComparison.Ordinal);
        Assert.Contains($"congestion {Money("congestion")}", text, StringComparison.Ordinal);
        Assert.Contains($"loss {Money("loss")}", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Artifacts("screenshots"), "hover.png") });
    }

    [Fact]
    public async Task A_participant_s_key_shows_its_statement_and_not_another_s()
    {
        var page = await Open();
        await page.FillAsync("#key", example.Host.Keys["WestPower"]);
        await page.ClickAsync("#show-statement");
        await page.Locator("#statement-owner").Filter(new LocatorFilterOptions { HasText = "Statement of" }).WaitForAsync();
        Assert.StartsWith("Statement of WestPower", await page.InnerTextAsync("#statement-owner"), StringComparison.Ordinal);
        var participants = await page.EvalOnSelectorAllAsync<string[]>("#statement tbody tr td:first-child", "els => els.map(e => e.textContent)");
        Assert.NotEmpty(participants);
        Assert.All(participants, p => Assert.Equal("WestPower", p));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repo.Artifacts("screenshots"), "statement.png"), FullPage = true });

        // Another key replaces it with that participant's own; a wrong key shows the 401 and no rows.
        await page.FillAsync("#key", example.Host.Keys["CentralEnergy"]);
        await page.ClickAsync("#show-statement");
        await page.Locator("#statement-owner").Filter(new LocatorFilterOptions { HasText = "CentralEnergy" }).WaitForAsync();
        participants = await page.EvalOnSelectorAllAsync<string[]>("#statement tbody tr td:first-child", "els => els.map(e => e.textContent)");
        Assert.DoesNotContain("WestPower", participants);
        Assert.All(participants, p => Assert.Equal("CentralEnergy", p));

        await page.FillAsync("#key", "gck_wrong");
        await page.ClickAsync("#show-statement");
        await page.Locator("#statement-owner").Filter(new LocatorFilterOptions { HasText = "401" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("#statement tbody tr").CountAsync());
    }

    private async Task<IPage> Open()
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } });
        await page.GotoAsync(new Uri(example.Host.BaseAddress, $"/?day={ClearedExample.Day}").ToString());
        await page.Locator("body[data-ready='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return page;
    }
}

/// <summary>Debian's chromium, launched once for the browser tests.</summary>
public sealed class Browser : IAsyncLifetime
{
    private const string Executable = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: scripts/test.sh installs Debian's chromium");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // This machine has no network beyond loopback: background and component traffic only fails and slows start-up.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
