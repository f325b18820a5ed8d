import { Ctx, Query, Resolver } from 'type-graphql';
import { User } from '../entities';
import { MeType } from '../schema/me.type';
import type { RequestContext } from './context';

@Resolver()
export class MeResolver {
  @Query(() => MeType, { description: "The calling key's organization and user." })
  async me(@Ctx() { scope }: RequestContext): Promise<MeType> {
    const [organization, user] = await Promise.all([
      scope.organization(),
      scope.findById(User, scope.tenant.userId),
    ]);
    if (!user) throw new Error('API key user vanished');
    return {
      organization: { id: organization.id, name: organization.name },
      user: { id: user.id, email: user.email, name: user.name },
    };
  }
}
