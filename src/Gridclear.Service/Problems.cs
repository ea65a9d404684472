using Microsoft.AspNetCore.Http;

namespace Gridclear.Service;

/// <summary>Every error as RFC 9457 problem details; input errors carry the file and line as extension members.</summary>
public static class Problems
{
    public static IResult Unauthorized() =>
        Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "a missing or unknown API key: send 'Authorization: Bearer KEY' with a key from './gridclear participants add'");

    public static IResult Forbidden(string detail, string? file = null, int? line = null) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", detail, file, line);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not Found", detail, null, null);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail, null, null);

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad Request", detail, null, null);

    /// <summary>Input the CLI would refuse with exit code 2: the same message, file and line.</summary>
    public static IResult Invalid(InvalidInputException e) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "Invalid input", e.Message, e.Source, e.Line);

    private static IResult Problem(int status, string title, string detail, string? file, int? line)
    {
        var extensions = new Dictionary<string, object?>();
        if (file is not null)
        {
            extensions["file"] = file;
        }

        if (line is not null)
        {
            extensions["line"] = line;
        }

        return Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }
}
