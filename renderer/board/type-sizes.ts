/** Type sizes on the board, in board units (CSS pixels at 100%). */

/** Reply text size: 24 px on screen at 100%, readable across a room. */
export const NOTE_FONT_SIZE = 24
