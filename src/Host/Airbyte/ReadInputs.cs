using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.State;
using Paystack.Actors.Configuration;

namespace Paystack.Host.Airbyte;

/// <summary>Everything <c>read</c> is given, loaded and checked before a single request is made.</summary>
internal sealed record ReadInputs(SourceConfig Source, ConfiguredCatalog Catalog, InputState State, LoadedSyncSettings Settings)
{
    /// <param name="statePath">Null or empty: no previous state, every stream starts at start_date.</param>
    /// <param name="hoconPath">Engine settings on top of the defaults; null for the defaults and environment only.</param>
    /// <exception cref="AirbyteConfigException">Any input is missing or invalid; the message names the file and problem.</exception>
    /// <param name="warn">Told about config keys that are ignored.</param>
    public static ReadInputs Load(string? configPath, string? catalogPath, string? statePath, string? hoconPath, Action<string> warn)
    {
        var source = SourceConfigReader.Load(configPath ?? "", warn: warn);
        var catalog = ConfiguredCatalogReader.Load(catalogPath ?? "");
        var state = string.IsNullOrWhiteSpace(statePath) ? InputState.Empty : InputStateReader.Load(statePath);
        LoadedSyncSettings settings;
        try
        {
            settings = SyncSettingsLoader.Load(hoconPath);
        }
        catch (SyncConfigurationException e)
        {
            throw new AirbyteConfigException(e.Message.ReplaceLineEndings(" "), e);
        }
        return new ReadInputs(source, catalog, state, settings);
    }
}
