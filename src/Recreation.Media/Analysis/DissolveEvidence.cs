namespace Recreation.Media.Analysis;

/// <summary>
/// What tells a dissolve from a camera move that also changes the picture gradually: the frames
/// inside a dissolve are mixes of the frames on either side (the middle of a pan or zoom is no mix
/// of its ends, and its ends match once shifted), and the camera does not move steadily one way
/// through all of it.
/// </summary>
internal static class DissolveEvidence
{
    /// <summary>How far (root mean square, as a share of the change) the frames inside may be from the mix of their ends.</summary>
    internal const double MaxBlendResidual = 0.5;

    /// <summary>A camera moving at least this fast (share of the frame per second) all through a candidate is a pan or tilt.</summary>
    internal const double SteadyCameraSpeed = 0.15;

    /// <summary>The colour thumbnail as 4x3 block means (RGB): mixes like the frames do, and small motions barely move it.</summary>
    public static double[] Coarse(FrameFeatures frame)
    {
        const int W = FrameFeatures.ColourWidth, H = FrameFeatures.ColourHeight, Bx = W / 4, By = H / 3;
        var coarse = new double[4 * 3 * 3];
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                var block = (((y / By) * 4) + (x / Bx)) * 3;
                var i = ((y * W) + x) * 3;
                coarse[block] += frame.Colour[i];
                coarse[block + 1] += frame.Colour[i + 1];
                coarse[block + 2] += frame.Colour[i + 2];
            }
        }

        return coarse;
    }

    /// <summary>
    /// The camera moves steadily one way through the whole of [first, last]: a pan or tilt that
    /// brings in a new picture, not a dissolve (one into or out of a moving shot moves only on one side).
    /// </summary>
    public static bool IsCameraMove(IReadOnlyList<FrameFeatures> frames, int first, int last)
    {
        var n = last - first + 1;
        double sumX = 0, sumY = 0;
        for (var j = first; j <= last; j++)
        {
            sumX += frames[j].MotionX;
            sumY += frames[j].MotionY;
        }

        var (meanX, meanY) = (sumX / n, sumY / n);
        var speed = Math.Sqrt((meanX * meanX) + (meanY * meanY));
        var steady = 0;
        for (var j = first; j <= last; j++)
        {
            var along = ((frames[j].MotionX * meanX) + (frames[j].MotionY * meanY)) / Math.Max(speed, 1e-9);
            if (along >= 0.5 * speed)
            {
                steady++;
            }
        }

        return speed >= SteadyCameraSpeed && steady >= 0.8 * n;
    }

    /// <summary>The frames from first to last are mixes of the frame before first and the frame after last, which differ like two shots.</summary>
    public static bool IsMix(IReadOnlyList<FrameFeatures> frames, int first, int last)
    {
        if (first < 1 || last + 1 >= frames.Count)
        {
            return false;
        }

        var before = frames[first - 1];
        var after = frames[last + 1];
        if (FrameDistance.Between(before, after) < DissolveFinder.MinimumChange * 0.8)
        {
            return false;
        }

        // The ends of a pan match once shifted; two shots do not.
        const int W = FrameFeatures.ThumbWidth, H = FrameFeatures.ThumbHeight;
        var still = GlobalMotion.MeanDifference(before.Luma, after.Luma, W, H, 0, 0, 0, 0, W, H);
        var moved = GlobalMotion.BestShift(before.Luma, after.Luma, W, H, 8, 0, 0, W, H);
        if ((moved.Dx != 0 || moved.Dy != 0) && moved.Difference < 0.5 * still)
        {
            return false;
        }

        var p = Coarse(before);
        var q = Coarse(after);
        double norm = 0;
        for (var x = 0; x < p.Length; x++)
        {
            norm += (q[x] - p[x]) * (q[x] - p[x]);
        }

        double residual = 0;
        for (var j = first; j <= last; j++)
        {
            var m = Coarse(frames[j]);
            double dot = 0;
            for (var x = 0; x < p.Length; x++)
            {
                dot += (m[x] - p[x]) * (q[x] - p[x]);
            }

            var alpha = Math.Clamp(dot / norm, 0, 1);
            double error = 0;
            for (var x = 0; x < p.Length; x++)
            {
                var e = m[x] - p[x] - (alpha * (q[x] - p[x]));
                error += e * e;
            }

            residual += error / norm;
        }

        return Math.Sqrt(residual / (last - first + 1)) <= MaxBlendResidual;
    }
}