namespace Paystack.Host.Tests.Packaging;

/// <param name="Package">The .nupkg that <c>dotnet pack</c> made.</param>
/// <param name="Command">The <c>paystack-sync</c> shim that <c>dotnet tool install --tool-path</c> created.</param>
public sealed record InstalledTool(string Package, string Command);
