using Recreation.Core.Model;

namespace Recreation.Core.Profiles;

/// <summary>A size a model can generate, with its price per generated second.</summary>
public sealed record ProfileSize(FrameSize Size, decimal UsdPerSecond);