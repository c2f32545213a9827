namespace Recreation.Core.Model;

/// <summary>
/// The reference video a scene file was drafted from (<c>reference: { video: … }</c>, written by
/// <c>recreate analyze -o</c>). Only shown in reports and in the <c>recreate compare</c> hint:
/// no run reads it, so it may be anywhere and need not exist any more.
/// </summary>
/// <param name="Video">Absolute path (a relative one is taken from the scene file's folder).</param>
public sealed record ReferenceVideo(string Video);