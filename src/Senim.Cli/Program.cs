using Senim.Cli;

return SenimCommand.Run(args, Console.Out, Console.Error);
