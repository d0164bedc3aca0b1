using TypedFga.Server.Http;

namespace TypedFga.Server.Faults;

/// <summary>Applies the <see cref="IFaultInjector"/>'s decision before the request is served.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, IFaultInjector injector, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (injector.Next(context) is not { } fault)
        {
            await next(context);
            return;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, timeProvider, context.RequestAborted);
        }

        if (fault.DropConnection)
        {
            context.Abort();
            return;
        }

        if (fault.Status is { } status)
        {
            await ApiErrors.WriteAsync(context, status, fault.Code!, fault.Message!);
            return;
        }

        await next(context);
    }
}
