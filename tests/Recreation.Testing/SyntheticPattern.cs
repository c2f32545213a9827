namespace Recreation.Testing;

public enum SyntheticPattern
{
    /// <summary>lavfi testsrc2: moving, colourful, every frame different.</summary>
    TestPattern,

    /// <summary>lavfi color: one flat colour (<see cref="SyntheticMediaOptions.Color"/>).</summary>
    SolidColor,
}