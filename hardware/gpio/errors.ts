/** GPIO failures with a code for logs and a message an installer can act on (the doctor prints it as is). */

export type GpioErrorCode = 'GPIO_UNAVAILABLE' | 'GPIO_PERMISSION' | 'GPIO_BUSY' | 'GPIO_DRIVER' | 'GPIO_ERROR';

export class GpioError extends Error {
  constructor(
    readonly code: GpioErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** errno of a sysfs write -> what it means for the installer. */
export function gpioErrorOf(e: unknown, what: string): GpioError {
  if (e instanceof GpioError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const msg = (e as Error)?.message ?? String(e);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new GpioError('GPIO_PERMISSION', `${what}: no permission (${code}); add the user to the "gpio" group (scripts/kiosk/install.sh does) and log in again`);
    case 'EBUSY':
      return new GpioError('GPIO_BUSY', `${what}: the line is in use by another driver or program (a dtoverlay, another process); free it or pick another pin`);
    case 'EINVAL':
      return new GpioError('GPIO_UNAVAILABLE', `${what}: the kernel refuses this line number (EINVAL); check the pin and hardware.gpioChip`);
    case 'ENOENT':
    case 'ENODEV':
      return new GpioError('GPIO_UNAVAILABLE', `${what}: the GPIO files are gone (${code})`);
    default:
      return new GpioError('GPIO_ERROR', `${what}: ${msg}`);
  }
}
