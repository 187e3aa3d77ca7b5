// Type commands into an emulated ASA over real SSH (ssh2 client, exec channel, password auth,
// host key checked against the key the lab reports).

import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import type { LabDeviceHandle } from '../../src/lab/devices.ts';

const { Client } = ssh2;

/** Run one exec request (lines separated by \n run in order) and return what the device printed. */
export function sshExec(device: LabDeviceHandle, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let out = '';
    const timer = setTimeout(() => {
      client.end();
      reject(new Error(`ssh to ${device.name} timed out running ${JSON.stringify(command.split('\n')[0])}`));
    }, 20_000);
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) return reject(error);
          stream.on('data', (d: Buffer) => {
            out += d.toString();
          });
          stream.stderr.on('data', (d: Buffer) => {
            out += d.toString();
          });
          stream.on('close', () => {
            clearTimeout(timer);
            client.end();
            resolve(out.replace(/\r\n/g, '\n'));
          });
        });
      })
      .on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      })
      .connect({
        host: device.host,
        port: device.port,
        username: device.username ?? 'admin',
        password: device.password ?? '',
        hostVerifier: (key: Buffer) => {
          const fp = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
          return device.hostKeyFingerprint === undefined || fp === device.hostKeyFingerprint;
        },
      });
  });
}
