import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { MailModule } from '../mail/mail.module.js';
import { UsersModule } from '../users/users.module.js';
import { VipModule } from '../vip/vip.module.js';
import { AuthController, LoginLogsController, MePasswordController } from './auth.controller.js';
import { AuthEntities } from './auth.entities.js';
import { AuthGuard } from './auth.guard.js';
import { AdminSeeder } from './admin.seeder.js';
import { AuthService } from './auth.service.js';
import { MeController } from './me.controller.js';
import { CaptchaService } from './captcha.service.js';
import { AuthStore } from './auth.store.js';
import { AuthMailProcessor } from './auth-mail.processor.js';
import { TokenService } from './token.service.js';

/** Not global: a module that needs AuthService or TokenService imports this one (the guard is an APP_GUARD, global by itself). */
@Module({
  imports: [
    TypeOrmModule.forFeature(AuthEntities),
    UsersModule,
    VipModule,
    MailModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM
      // public/private key on every sign and verify (an OpenSSL failure costing ~1 ms per request).
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      // `register` applies only where a handler opts in (see AuthController.register).
      useFactory: (config: AppConfig) => [
        { name: 'default', ttl: 60_000, limit: config.authRateLimitPerMinute },
        { name: 'register', ttl: 3600_000, limit: config.registerRateLimitPerHour },
      ],
    }),
  ],
  controllers: [AuthController, LoginLogsController, MePasswordController, MeController],
  providers: [AuthService, TokenService, CaptchaService, AuthStore, AuthMailProcessor, AdminSeeder, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, TokenService],
})
export class AuthModule {}
