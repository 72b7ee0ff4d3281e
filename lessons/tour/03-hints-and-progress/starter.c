/* midpoint: the midpoint of two ints, rounded down (toward minus infinity).
 *
 *   midpoint(2, 8) == 5     midpoint(1, 2) == 1     midpoint(-3, 0) == -2
 *
 * It must be exact for every pair of ints, INT_MIN and INT_MAX included.
 */
int midpoint(int a, int b)
{
    /* TODO: return the midpoint of a and b, rounded down */
    return a;
}
