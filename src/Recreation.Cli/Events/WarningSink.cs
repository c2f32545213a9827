using System.Globalization;

using Serilog.Core;
using Serilog.Events;

namespace Recreation.Cli.Events;

/// <summary>Hands every warning (and error) the log receives to <c>--events</c> as a <c>warning</c> line.</summary>
internal sealed class WarningSink(Action<string> warning) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level >= LogEventLevel.Warning)
        {
            warning(logEvent.RenderMessage(CultureInfo.InvariantCulture));
        }
    }
}