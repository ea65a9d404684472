namespace Gridclear.Service.Tests.Support;

/// <summary>One service with the example market cleared on <see cref="Day"/>, shared by the tests that only read it
/// (the clear runs once). Tests that change things use days of their own on the same service.</summary>
public sealed class ClearedExample : IAsyncLifetime
{
    public const string Day = "2026-12-02";

    public ServiceHost Host { get; private set; } = null!;

    public string ClearResponse { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Host = await ServiceHost.StartAsync();
        ExampleDay.RegisterAll(Host);
        await ExampleDay.PutOperatorFiles(Host, Day);
        await ExampleDay.SubmitAll(Host, Day);
        using var op = Host.Client(ExampleDay.Operator);
        ClearResponse = await op.PostAsync($"/api/days/{Day}/clear", null).Expect(System.Net.HttpStatusCode.OK);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClearedExampleCollection : ICollectionFixture<ClearedExample>
{
    public const string Name = "cleared example market";
}
