import { describe, expect, it } from 'vitest'
import { messageOf } from '../../renderer/api.ts'

describe('messages of API errors', () => {
  it('drop the wrapper Electron puts round an error from the main process', () => {
    const wrapped = new Error(
      "Error invoking remote method 'blankboard:close-workshop': Error: It could not be saved: the disk is full. It is still open.",
    )
    expect(messageOf(wrapped)).toBe('It could not be saved: the disk is full. It is still open.')
    expect(messageOf(new Error('plain'))).toBe('plain')
  })
})
