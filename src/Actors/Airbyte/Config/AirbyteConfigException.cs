namespace Paystack.Actors.Airbyte.Config;

/// <summary>
/// An input file (config, configured catalog, state) the user has to fix. The message names the file or field and
/// the problem, and never contains the secret key.
/// </summary>
public sealed class AirbyteConfigException(string message, Exception? inner = null) : Exception(message, inner);
