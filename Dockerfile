# Airbyte source image for paystack-sync: `spec`, `check`, `discover` and `read` speak the Airbyte protocol on stdout.
# The same image runs `serve` (deploy/compose.yaml); its HEALTHCHECK asks serve's readiness probe.
#   docker build -t paystackactors/source-paystack-actors:0.1.0 .
# The publish command below is also run by tests/Paystack.Host.Tests/Packaging, which drives its output.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the package layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Actors/Paystack.Actors.csproj src/Actors/
COPY src/Sandbox/Paystack.Sandbox.csproj src/Sandbox/
COPY src/Host/Paystack.Host.csproj src/Host/
RUN dotnet restore src/Host
COPY hocon/ hocon/
COPY src/ src/
RUN dotnet publish src/Host -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Airbyte mounts config, catalog and state files under /data or /config; nothing is written inside the image itself.
ENV AIRBYTE_ENTRYPOINT="/app/paystack-sync"
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
LABEL io.airbyte.name=paystackactors/source-paystack-actors
LABEL io.airbyte.version=0.1.0
# The non-root user the .NET images provide; Airbyte runs connectors without root too.
USER $APP_UID
# For serve: healthy while /healthz/ready answers 200 on the default admin address (the image has no curl, so the
# executable asks). The Airbyte verbs run for minutes at most and never listen; Airbyte does not read this state.
HEALTHCHECK --interval=30s --timeout=20s --start-period=60s --retries=3 \
    CMD ["/app/paystack-sync", "health"]
ENTRYPOINT ["/app/paystack-sync"]
