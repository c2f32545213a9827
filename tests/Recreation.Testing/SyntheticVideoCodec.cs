namespace Recreation.Testing;

public enum SyntheticVideoCodec
{
    H264,
    Hevc,
    Vp9,
    Vp8,
    Mpeg4,
}