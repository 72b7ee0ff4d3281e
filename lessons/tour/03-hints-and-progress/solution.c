/* midpoint: the midpoint of two ints, rounded down (toward minus infinity).
 *
 * The sum of two ints needs 33 bits, so it is formed in a long long, where it is exact.
 * Halving must round down: C's / truncates toward zero, so a negative odd sum
 * (s % 2 == -1) needs one subtracted. The result lies between a and b, so it fits an int.
 *
 * (s >> 1 rounds down too on every compiler kdojo uses, but right-shifting a negative
 * value is implementation-defined in C; the division form is portable.)
 */
int midpoint(int a, int b)
{
    long long s = (long long)a + b;
    return (int)(s / 2 - (s % 2 < 0));
}
