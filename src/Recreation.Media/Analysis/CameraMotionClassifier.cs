namespace Recreation.Media.Analysis;

/// <summary>
/// The camera class of a shot from its frames' global motion: static when the picture hardly
/// moves; a zoom when it grows or shrinks steadily; a pan (sideways) or tilt (up and down) when
/// it moves steadily one way; handheld when it moves but not steadily. Thresholds are shares of
/// the frame per second.
/// </summary>
internal static class CameraMotionClassifier
{
    internal const double StillSpeed = 0.04, ZoomRate = 0.04, Steadiness = 0.6;

    public static CameraMotion Classify(IReadOnlyList<FrameFeatures> frames, int first, int last)
    {
        if (last < first)
        {
            return CameraMotion.Static;
        }

        double sumX = 0, sumY = 0, absX = 0, absY = 0, zoom = 0;
        var n = last - first + 1;
        for (var j = first; j <= last; j++)
        {
            sumX += frames[j].MotionX;
            sumY += frames[j].MotionY;
            absX += Math.Abs(frames[j].MotionX);
            absY += Math.Abs(frames[j].MotionY);
            zoom += frames[j].Zoom;
        }

        var (meanX, meanY, meanAbsX, meanAbsY, meanZoom) = (sumX / n, sumY / n, absX / n, absY / n, zoom / n);
        if (Math.Abs(meanZoom) >= ZoomRate && Math.Abs(meanZoom) >= 0.5 * Math.Max(Math.Abs(meanX), Math.Abs(meanY)))
        {
            return CameraMotion.Zoom;
        }

        if (Math.Max(meanAbsX, meanAbsY) < StillSpeed)
        {
            return CameraMotion.Static;
        }

        if (Math.Abs(meanX) >= StillSpeed && Math.Abs(meanX) >= Steadiness * meanAbsX && Math.Abs(meanX) >= Math.Abs(meanY))
        {
            return CameraMotion.Pan;
        }

        if (Math.Abs(meanY) >= StillSpeed && Math.Abs(meanY) >= Steadiness * meanAbsY)
        {
            return CameraMotion.Tilt;
        }

        return CameraMotion.Handheld;
    }
}