using System.Net;
using System.Text;
using System.Text.Json;

namespace Gridclear.Service.Tests.Support;

/// <summary>Small HTTP helpers for the tests.</summary>
public static class Http
{
    public static async Task<HttpResponseMessage> PutText(this HttpClient client, string path, string body) =>
        await client.PutAsync(path, new StringContent(body, Encoding.UTF8, "text/csv"));

    /// <summary>Asserts the status and returns the body.</summary>
    public static async Task<string> Expect(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Asserts an RFC 9457 problem with the status; returns it.</summary>
    public static async Task<JsonElement> ExpectProblem(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
